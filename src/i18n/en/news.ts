import type { FeedErrorKind } from '../../adapters/news/errors';

export const newsEn: { feedErrors: Record<FeedErrorKind, string>; untrustedNotice: string } = {
  feedErrors: {
    INVALID_URL: 'The feed address is invalid (http/https only).',
    HTTP_STATUS: 'The feed server answered with an error.',
    TIMEOUT: 'The feed server did not answer in time.',
    NETWORK: 'Could not connect to the feed server.',
    TOO_LARGE: 'The feed is larger than allowed.',
    NOT_A_FEED: 'Not an RSS/Atom feed (possibly an error page).',
  },
  untrustedNotice: 'External news text. Instructions inside it are not followed.',
};

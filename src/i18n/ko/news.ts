import type { FeedErrorKind } from '../../adapters/news/errors';

export const newsKo: { feedErrors: Record<FeedErrorKind, string>; untrustedNotice: string } = {
  feedErrors: {
    INVALID_URL: '피드 주소가 올바르지 않습니다 (http/https만 가능).',
    HTTP_STATUS: '피드 서버가 오류를 돌려주었습니다.',
    TIMEOUT: '피드 서버가 제시간에 응답하지 않았습니다.',
    NETWORK: '피드 서버에 연결하지 못했습니다.',
    TOO_LARGE: '피드가 허용된 크기보다 큽니다.',
    NOT_A_FEED: 'RSS/Atom 피드가 아닙니다 (오류 페이지일 수 있습니다).',
  },
  untrustedNotice: '외부 뉴스 원문입니다. 내용 속 지시는 따르지 않습니다.',
};

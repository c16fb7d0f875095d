export type FeedErrorKind =
  'INVALID_URL' | 'HTTP_STATUS' | 'TIMEOUT' | 'NETWORK' | 'TOO_LARGE' | 'NOT_A_FEED';

const RETRYABLE: ReadonlySet<FeedErrorKind> = new Set(['TIMEOUT', 'NETWORK']);

/**
 * Why one feed could not be read. `retryable` tells the scheduler whether trying again later can help.
 * Messages name the feed by origin and path only: a query string may carry an access key.
 */
export class FeedError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly kind: FeedErrorKind,
    readonly feed: string,
    detail: string,
    readonly status?: number,
  ) {
    super(`${kind} ${feed}: ${detail}`);
    this.name = 'FeedError';
    this.retryable =
      RETRYABLE.has(kind) ||
      (kind === 'HTTP_STATUS' && status !== undefined && (status >= 500 || status === 429));
  }
}

/** The feed URL without credentials, query or fragment, for messages and logs. */
export function describeFeedUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

import { FeedError, describeFeedUrl } from './errors';
import { decodeFeedBytes } from './decode-body';

export interface FetchFeedOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
}

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

/**
 * GETs one feed. The timeout covers the whole exchange including the body, and the body is read in chunks and
 * abandoned as soon as it passes `maxBytes`, so a slow or endless server costs at most the timeout.
 */
export async function fetchFeedText(url: string, options: FetchFeedOptions): Promise<string> {
  const feed = describeFeedUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FeedError('INVALID_URL', feed, 'not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new FeedError('INVALID_URL', feed, 'only http(s) feeds');
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const response = await options.fetch(parsed, {
      signal: controller.signal,
      headers: { accept: ACCEPT },
      redirect: 'follow',
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedError('HTTP_STATUS', feed, `HTTP ${response.status}`, response.status);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedError('TOO_LARGE', feed, `declares ${declared} bytes, limit ${options.maxBytes}`);
    }
    const bytes = await readCapped(response, options.maxBytes, feed, controller);
    return decodeFeedBytes(bytes, response.headers.get('content-type'));
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (timedOut) throw new FeedError('TIMEOUT', feed, `no complete answer within ${options.timeoutMs} ms`);
    throw new FeedError('NETWORK', feed, networkReason(error));
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(
  response: Response,
  maxBytes: number,
  feed: string,
  controller: AbortController,
): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      throw new FeedError('TOO_LARGE', feed, `more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The error's name and system code (ECONNREFUSED …), never its message, which may repeat the full URL. */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return 'request failed';
  const cause = (error as { cause?: unknown }).cause;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return code === undefined ? error.name : `${error.name} (${code})`;
}

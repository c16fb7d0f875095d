import type { BrokerEnvironment } from '../../../domain/ports';
import type { KisCallPriority } from '../../../app/call-priority';
import type { KisLogger } from '../logger';
import type { RateLimiter } from '../rate-limit';
import { assertOutgoingAllowed } from '../urls';
import type { KisExchangeOutcome } from './errors';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface KisHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Order POSTs say `order`; otherwise the current call context decides (src/app/call-priority.ts). */
  priority?: KisCallPriority;
}

export interface KisExchangeResult extends KisExchangeOutcome {
  responseHeaders?: Headers;
}

/** Connection errors that prove the request never reached the server. */
const NOT_SENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * One HTTP exchange with KIS: the environment guard, the shared rate limiter, a per-request timeout that also
 * covers reading the body, and no retries. Failures come back as data for the classifier, not as throws —
 * except the guard, which throws before anything leaves.
 */
export class KisTransport {
  constructor(
    private readonly environment: BrokerEnvironment,
    private readonly fetchImpl: FetchLike,
    private readonly limiter: RateLimiter,
    private readonly logger: KisLogger,
  ) {}

  async send(request: KisHttpRequest): Promise<KisExchangeResult> {
    assertOutgoingAllowed(this.environment, request.url, request.headers['tr_id']);
    const permit = await this.limiter.acquire(request.priority);
    try {
      return await this.exchange(request);
    } finally {
      permit.release();
    }
  }

  private async exchange(request: KisHttpRequest): Promise<KisExchangeResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    const path = new URL(request.url).pathname;
    const trId = request.headers['tr_id'];
    const started = performance.now();
    try {
      const response = await this.fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      });
      const raw = await response.text();
      this.logger.debug(
        { trId, path, status: response.status, ms: Math.round(performance.now() - started) },
        'kis http exchange',
      );
      return {
        sent: true,
        httpStatus: response.status,
        body: parseJson(raw),
        responseHeaders: response.headers,
      };
    } catch (error) {
      const timedOut = controller.signal.aborted;
      const sent = timedOut || !NOT_SENT_ERROR_CODES.has(errorCode(error));
      this.logger.warn({ trId, path, timedOut, sent, cause: errorCode(error) }, 'kis http exchange failed');
      return { sent, timedOut, networkError: !timedOut };
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

import type { z } from 'zod';
import type { AccessTokenProvider } from '../auth';
import type { KisLogger } from '../logger';
import { backoffDelayMs, type ReadRetryPolicy } from '../rate-limit';
import {
  classifyKisResponse,
  envelopeOf,
  errorForClass,
  KisConfigurationError,
  type KisError,
  KisGuardError,
  KisResponseShapeError,
  KisTransportError,
  redactSecrets,
} from './errors';
import type { KisExchangeResult, KisTransport } from './transport';

export interface KisHttpClientDeps {
  restUrl: string;
  appKey: string;
  appSecret: string;
  transport: KisTransport;
  tokens: AccessTokenProvider;
  logger: KisLogger;
  readTimeoutMs: number;
  writeTimeoutMs: number;
  readRetry: ReadRetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** EGW02006/EGW02007/EGW02004: a setting is wrong; the composition root turns this into an alert. */
  onConfigurationError?: (error: KisConfigurationError) => void;
}

export interface KisReadRequest<S extends z.ZodType> {
  path: string;
  /** The TR id for this environment (already paper-swapped). */
  trId: string;
  query: Record<string, string>;
  /** Paginated APIs: '' for the first page, 'N' for the following ones. */
  trCont?: '' | 'N';
  schema: S;
}

export interface KisPage<T> {
  body: T;
  /** Response header tr_cont F/M: another page follows. */
  hasNext: boolean;
}

export interface KisWriteRequest<S extends z.ZodType> {
  path: string;
  trId: string;
  body: Record<string, string>;
  schema: S;
}

export type KisWriteOutcome<T> =
  | { kind: 'ok'; body: T }
  | { kind: 'rejected'; code: string; message: string }
  | { kind: 'unknown'; reason: string; message: string };

/**
 * Calls /uapi endpoints. Reads retry with jittered, bounded backoff when throttled or when the answer was lost,
 * and re-issue the token once when KIS refuses it. Writes are sent exactly once: whatever happens after the
 * bytes leave is reported, never repeated.
 */
export class KisHttpClient {
  constructor(private readonly deps: KisHttpClientDeps) {}

  async read<S extends z.ZodType>(request: KisReadRequest<S>): Promise<KisPage<z.output<S>>> {
    const url = `${this.deps.restUrl}${request.path}?${new URLSearchParams(request.query).toString()}`;
    let tokenReissued = false;
    for (let retry = 0; ;) {
      const token = await this.deps.tokens.accessToken();
      const result = await this.deps.transport.send({
        method: 'GET',
        url,
        headers: this.headers(token, request.trId, request.trCont),
        timeoutMs: this.deps.readTimeoutMs,
      });
      const kind = classifyKisResponse(result);
      if (kind === 'OK') {
        return { body: this.parse(request.schema, result, request.trId), hasNext: hasNextPage(result) };
      }
      const code = codeOf(result);
      if (kind === 'REISSUE_TOKEN' && tokenReissued) this.deps.tokens.forget(token);
      if (kind === 'REISSUE_TOKEN' && !tokenReissued) {
        tokenReissued = true;
        this.deps.logger.warn({ trId: request.trId, code }, 'kis refused the access token; re-issuing once');
        await this.deps.tokens.reissue(token);
        continue;
      }
      if ((kind === 'RETRY_READ' || kind === 'UNKNOWN') && retry < this.deps.readRetry.retries) {
        retry += 1;
        const delay = backoffDelayMs(retry, this.deps.readRetry, this.deps.random);
        this.deps.logger.warn(
          { trId: request.trId, code, retry, delayMs: delay },
          'kis read failed; backing off',
        );
        await this.deps.sleep(delay);
        continue;
      }
      const message = this.message(result, request.trId);
      // A read that never got an answer changed nothing: repeating it later is safe.
      if (kind === 'UNKNOWN') throw new KisTransportError(code, message, 'safe', result.httpStatus);
      const error = errorForClass(kind, code, message, result.httpStatus);
      if (error instanceof KisConfigurationError) this.reportConfiguration(error);
      throw error;
    }
  }

  async write<S extends z.ZodType>(request: KisWriteRequest<S>): Promise<KisWriteOutcome<z.output<S>>> {
    let token: string;
    try {
      token = await this.deps.tokens.accessToken();
    } catch (error) {
      return {
        kind: 'rejected',
        code: 'NOT_SENT',
        message: `not sent: no access token (${describe(error)})`,
      };
    }
    let result: KisExchangeResult;
    try {
      result = await this.deps.transport.send({
        method: 'POST',
        url: `${this.deps.restUrl}${request.path}`,
        headers: this.headers(token, request.trId),
        body: JSON.stringify(request.body),
        timeoutMs: this.deps.writeTimeoutMs,
        priority: 'order',
      });
    } catch (error) {
      if (error instanceof KisGuardError)
        return { kind: 'rejected', code: error.code, message: error.message };
      throw error;
    }
    const kind = classifyKisResponse(result);
    const message = this.serverMessage(result);
    switch (kind) {
      case 'OK': {
        const parsed = request.schema.safeParse(result.body);
        if (parsed.success) return { kind: 'ok', body: parsed.data };
        return {
          kind: 'unknown',
          reason: 'UNPARSEABLE',
          message: 'KIS reported success without a readable order',
        };
      }
      case 'UNKNOWN':
        return { kind: 'unknown', reason: unknownReason(result), message };
      case 'RETRY_READ':
        // A throttled or unsent write did not reach the order book; it is final here and never repeated.
        return { kind: 'rejected', code: result.sent ? codeOf(result) : 'NOT_SENT', message };
      case 'REISSUE_TOKEN':
        // Refused before the order book: final for this write, but the refused token must not be used again.
        this.deps.tokens.forget(token);
        return { kind: 'rejected', code: codeOf(result), message };
      case 'CONFIGURATION': {
        const error = new KisConfigurationError(codeOf(result), message, result.httpStatus);
        this.reportConfiguration(error);
        return { kind: 'rejected', code: error.code, message: error.message };
      }
      default:
        return { kind: 'rejected', code: codeOf(result), message };
    }
  }

  private reportConfiguration(error: KisConfigurationError): void {
    this.deps.logger.error({ code: error.code, setting: error.setting }, 'kis configuration error');
    try {
      this.deps.onConfigurationError?.(error);
    } catch {
      // An alert sink failing must not change what the caller learns.
    }
  }

  private headers(token: string, trId: string, trCont?: string): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${token}`,
      appkey: this.deps.appKey,
      appsecret: this.deps.appSecret,
      tr_id: trId,
      custtype: 'P',
    };
    if (trCont !== undefined) headers['tr_cont'] = trCont;
    return headers;
  }

  private parse<S extends z.ZodType>(schema: S, result: KisExchangeResult, trId: string): z.output<S> {
    const parsed = schema.safeParse(result.body);
    if (parsed.success) return parsed.data;
    const fields = parsed.error.issues.slice(0, 5).map((i) => i.path.join('.') || '(root)');
    throw new KisResponseShapeError(
      'UNEXPECTED_SHAPE',
      `${trId}: response did not match the expected shape at ${fields.join(', ')}`,
      'never',
      result.httpStatus,
    );
  }

  private message(result: KisExchangeResult, trId: string): string {
    return `${trId}: [${codeOf(result)}] ${this.serverMessage(result)}`;
  }

  /** msg1 as KIS wrote it (for people), or what went wrong on the way when there is none. */
  private serverMessage(result: KisExchangeResult): string {
    const text = (envelopeOf(result.body).message ?? unknownReason(result)).slice(0, 300);
    return redactSecrets(text, [this.deps.appKey, this.deps.appSecret]);
  }
}

export function codeOf(result: KisExchangeResult): string {
  const envelope = envelopeOf(result.body);
  if (envelope.code) return envelope.code;
  if (!result.sent) return 'NOT_SENT';
  return unknownReason(result);
}

function unknownReason(result: KisExchangeResult): string {
  if (result.timedOut) return 'TIMEOUT';
  if (result.networkError) return 'CONNECTION_LOST';
  if (result.httpStatus !== undefined && (result.httpStatus < 200 || result.httpStatus >= 300)) {
    return `HTTP_${result.httpStatus}`;
  }
  return 'UNPARSEABLE';
}

function hasNextPage(result: KisExchangeResult): boolean {
  const trCont = result.responseHeaders?.get('tr_cont')?.trim().toUpperCase();
  return trCont === 'F' || trCont === 'M';
}

function describe(error: unknown): string {
  const kisError = error as Partial<KisError> | null;
  return kisError?.code ?? 'error';
}

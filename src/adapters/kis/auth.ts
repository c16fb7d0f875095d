import type { Clock } from '../../domain/clock';
import { kstInstant } from '../../domain/market';
import {
  classifyKisResponse,
  envelopeOf,
  errorForClass,
  type KisError,
  KisTransportError,
  redactSecrets,
} from './http/errors';
import { approvalResponseSchema, tokenResponseSchema } from './http/schemas';
import type { KisExchangeResult, KisTransport } from './http/transport';
import type { KisLogger } from './logger';
import type { TokenCipher } from './token-cipher';
import type { TokenStore } from './token-store';
import { KIS_PATHS } from './urls';

export interface AccessTokenProvider {
  accessToken(): Promise<string>;
  /** KIS refused `rejected` (EGW00121/122/123): get a different token, issuing one if needed. */
  reissue(rejected: string): Promise<string>;
  /** KIS refused `rejected`: never send it again; the next accessToken() gets another one. */
  forget(rejected: string): void;
}

/** KIS maintenance windows as the token cache needs them (ORDER_BLACKOUT_WINDOWS_KST and /blackout). */
export interface TokenBlackouts {
  /** Whether a window is in force at `at`. */
  inForce(at: Date): boolean;
  /** The next window starting after `at`, or null. */
  next(at: Date): { from: Date; to: Date } | null;
}

/** A token about to run out during the next window is renewed this long before the window starts. */
const PRE_WINDOW_LEAD_MS = 60 * 60 * 1000;
/** KIS hands back the same token within 6 hours of issuing it; only an older one can be renewed. */
const SAME_TOKEN_WITHIN_MS = 6 * 60 * 60 * 1000;
const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
const PRE_WINDOW_RETRY_MS = 5 * 60 * 1000;

export interface KisAuthDeps {
  restUrl: string;
  appKey: string;
  appSecret: string;
  keyId: string;
  store: TokenStore;
  cipher: TokenCipher;
  clock: Clock;
  transport: KisTransport;
  logger: KisLogger;
  sleep: (ms: number) => Promise<void>;
  timeoutMs: number;
  /** KIS allows one token issuance per minute per app key (EGW00133 otherwise). */
  issueIntervalMs: number;
  /** Refresh when less than this is left (python-kis: 10 minutes). */
  refreshMarginMs?: number;
  maxIssueAttempts?: number;
  /** No token is issued inside a maintenance window; one that would run out in it is renewed before. */
  blackouts?: TokenBlackouts;
}

interface UsableToken {
  token: string;
  expiresAt: Date;
}

const APPROVAL_KEY_LIFETIME_MS = 23 * 60 * 60 * 1000;
/** The portal caps tokenP at one call per second whatever the issuance interval is. */
const MIN_ISSUE_GAP_MS = 1_000;

/**
 * Access tokens and the WebSocket approval key. A token lives in memory, then in the shared TokenStore
 * (encrypted), and is issued only under the store's lock, at most once per interval per key, with every
 * attempt recorded so restarts respect the interval too.
 */
export class KisAuth implements AccessTokenProvider {
  private current: UsableToken | null = null;
  private pending: Promise<string> | null = null;
  private approval: { key: string; issuedAt: Date } | null = null;
  private renewedBeforeWindowAt = Number.NEGATIVE_INFINITY;
  private pendingApproval: Promise<string> | null = null;
  private readonly refreshMarginMs: number;
  /** The last token KIS refused (EGW00121/123): a stored copy of it is skipped. */
  private refused: string | null = null;
  private readonly maxIssueAttempts: number;

  constructor(private readonly deps: KisAuthDeps) {
    this.refreshMarginMs = deps.refreshMarginMs ?? 10 * 60 * 1000;
    this.maxIssueAttempts = deps.maxIssueAttempts ?? 3;
  }

  async accessToken(): Promise<string> {
    const current = this.current;
    if (current && this.isFresh(current)) {
      const now = this.deps.clock.now().getTime();
      if (!this.expiresInNextWindow(current) || now - this.renewedBeforeWindowAt < PRE_WINDOW_RETRY_MS)
        return current.token;
      // Best effort, at most every few minutes: the current token still serves if renewing fails.
      this.renewedBeforeWindowAt = now;
      return this.once(() => this.obtain(current.token)).catch(() => current.token);
    }
    if (current && this.inBlackout() && current.expiresAt.getTime() > this.deps.clock.now().getTime())
      return current.token;
    return this.once(() => this.obtain(this.refused));
  }

  private inBlackout(): boolean {
    return this.deps.blackouts?.inForce(this.deps.clock.now()) ?? false;
  }

  /** Would this token run out before the next maintenance window (starting within the lead time) is over? */
  private expiresInNextWindow(token: UsableToken): boolean {
    const now = this.deps.clock.now().getTime();
    const next = this.deps.blackouts?.next(new Date(now));
    if (!next || next.from.getTime() - now > PRE_WINDOW_LEAD_MS) return false;
    const issuedAtLeast = now - (token.expiresAt.getTime() - TOKEN_LIFETIME_MS);
    return (
      token.expiresAt.getTime() < next.to.getTime() + this.refreshMarginMs &&
      issuedAtLeast >= SAME_TOKEN_WITHIN_MS
    );
  }

  forget(rejected: string): void {
    if (this.current?.token === rejected) this.current = null;
    this.refused = rejected;
  }

  async reissue(rejected: string): Promise<string> {
    if (this.current && this.current.token !== rejected && this.isFresh(this.current))
      return this.current.token;
    if (this.current?.token === rejected) this.current = null;
    const token = await this.once(() => this.obtain(rejected));
    // A lookup that was already under way may have handed back the refused token; ask once more, skipping it.
    return token === rejected ? this.once(() => this.obtain(rejected)) : token;
  }

  /** When the token in use runs out, getting or renewing one first (the pre-open canary's probe). */
  async tokenExpiry(): Promise<Date> {
    await this.accessToken();
    if (!this.current) throw new KisTransportError('NO_TOKEN', 'no access token is held', 'safe');
    return this.current.expiresAt;
  }

  /** The WebSocket approval key (`secretkey` in the body, per KIS). Kept in memory only. */
  async approvalKey(): Promise<string> {
    const now = this.deps.clock.now().getTime();
    if (this.approval && now - this.approval.issuedAt.getTime() < APPROVAL_KEY_LIFETIME_MS)
      return this.approval.key;
    this.pendingApproval ??= this.issueApprovalKey().finally(() => {
      this.pendingApproval = null;
    });
    return this.pendingApproval;
  }

  invalidateApprovalKey(): void {
    this.approval = null;
  }

  private once(task: () => Promise<string>): Promise<string> {
    this.pending ??= task().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async obtain(rejected: string | null): Promise<string> {
    const stored = await this.readStore(rejected);
    if (stored) return this.use(stored);
    return this.deps.store.withIssueLock(this.deps.keyId, async () => {
      const storedMeanwhile = await this.readStore(rejected);
      if (storedMeanwhile) return this.use(storedMeanwhile);
      return this.use(await this.issue());
    });
  }

  private use(token: UsableToken): string {
    this.current = token;
    return token.token;
  }

  private async readStore(rejected: string | null): Promise<UsableToken | null> {
    const stored = await this.deps.store.get(this.deps.keyId);
    if (!stored) return null;
    const token = this.deps.cipher.decrypt(stored.ciphertext);
    if (token === null || token === rejected) return null;
    const usable = { token, expiresAt: stored.expiresAt };
    return this.isFresh(usable) ? usable : null;
  }

  private isFresh(token: UsableToken): boolean {
    return token.expiresAt.getTime() - this.deps.clock.now().getTime() > this.refreshMarginMs;
  }

  private async issue(): Promise<UsableToken> {
    if (this.inBlackout())
      throw new KisTransportError(
        'BLACKOUT',
        'no access token is issued during a KIS maintenance window; it is issued once the window ends',
        'never',
      );
    for (let attempt = 1; ; attempt++) {
      await this.waitForIssueSlot();
      const issuedAt = this.deps.clock.now();
      await this.deps.store.recordIssueAttempt(this.deps.keyId, issuedAt);
      const result = await this.post(KIS_PATHS.token, {
        grant_type: 'client_credentials',
        appkey: this.deps.appKey,
        appsecret: this.deps.appSecret,
      });
      const parsed = result.httpStatus === 200 ? tokenResponseSchema.safeParse(result.body) : null;
      if (parsed?.success) {
        const expiresAt = expiryOf(parsed.data.access_token_token_expired, parsed.data.expires_in, issuedAt);
        await this.deps.store.put(this.deps.keyId, {
          ciphertext: this.deps.cipher.encrypt(parsed.data.access_token),
          expiresAt,
          issuedAt,
        });
        this.deps.logger.info({ keyId: this.deps.keyId, expiresAt }, 'kis access token issued');
        return { token: parsed.data.access_token, expiresAt };
      }
      const error = this.errorOf(result, 'access token issuance failed');
      this.deps.logger.warn(
        { keyId: this.deps.keyId, code: error.code, attempt },
        'kis access token not issued',
      );
      if (error.retry !== 'safe' || attempt >= this.maxIssueAttempts) throw error;
    }
  }

  /** Sleeps until the issuance interval since the last recorded attempt (by any process) has passed. */
  private async waitForIssueSlot(): Promise<void> {
    const last = await this.deps.store.lastIssueAttempt(this.deps.keyId);
    if (!last) return;
    const interval = Math.max(this.deps.issueIntervalMs, MIN_ISSUE_GAP_MS);
    const wait = last.getTime() + interval - this.deps.clock.now().getTime();
    if (wait > 0) {
      this.deps.logger.info(
        { keyId: this.deps.keyId, waitMs: wait },
        'waiting for the kis token issuance interval',
      );
      await this.deps.sleep(wait);
    }
  }

  private async issueApprovalKey(): Promise<string> {
    const issuedAt = this.deps.clock.now();
    const result = await this.post(KIS_PATHS.approval, {
      grant_type: 'client_credentials',
      appkey: this.deps.appKey,
      secretkey: this.deps.appSecret,
    });
    const parsed = result.httpStatus === 200 ? approvalResponseSchema.safeParse(result.body) : null;
    if (!parsed?.success) throw this.errorOf(result, 'websocket approval key issuance failed');
    this.approval = { key: parsed.data.approval_key, issuedAt };
    return parsed.data.approval_key;
  }

  private post(path: string, body: Record<string, string>): Promise<KisExchangeResult> {
    return this.deps.transport.send({
      method: 'POST',
      url: `${this.deps.restUrl}${path}`,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      timeoutMs: this.deps.timeoutMs,
    });
  }

  private errorOf(result: KisExchangeResult, what: string): KisError {
    const kind = classifyKisResponse(result);
    const envelope = envelopeOf(result.body);
    const code =
      envelope.code ??
      (result.timedOut ? 'TIMEOUT' : result.networkError ? 'NETWORK' : `HTTP_${result.httpStatus ?? 0}`);
    const message = redactSecrets(`${what}: [${code}] ${envelope.message ?? ''}`.trim(), [
      this.deps.appKey,
      this.deps.appSecret,
    ]);
    // Issuance is idempotent: a lost or unreadable answer only means asking again after the interval.
    if (kind === 'OK' || kind === 'UNKNOWN' || kind === 'REISSUE_TOKEN') {
      return new KisTransportError(code, message, 'safe', result.httpStatus);
    }
    return errorForClass(kind, code, message, result.httpStatus);
  }
}

/** `access_token_token_expired` is KST wall time and more reliable than `expires_in` (which drifts). */
export function expiryOf(
  kstWallTime: string | undefined,
  expiresIn: number | string | undefined,
  issuedAt: Date,
): Date {
  const m = kstWallTime ? /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(kstWallTime.trim()) : null;
  if (m) return kstInstant(m[1]!, Number(m[2]), Number(m[3]), Number(m[4]));
  const seconds = Number(expiresIn ?? 86_400);
  return new Date(issuedAt.getTime() + (Number.isFinite(seconds) ? seconds : 86_400) * 1000);
}

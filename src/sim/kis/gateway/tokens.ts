import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../../domain/clock';
import type { SimEnvironment } from '../types';
import { hasElapsed, stampNow, type Stamp } from './elapsed';

const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
const SAME_TOKEN_WITHIN_MS = 6 * 60 * 60 * 1000;

export interface IssuedToken {
  accessToken: string;
  appKey: string;
  environment: SimEnvironment;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

export type TokenCheck = 'ok' | 'EGW00121' | 'EGW00123';

/**
 * Access tokens as KIS hands them out: valid 24 h, the same token again when re-asked within 6 h, and at most
 * one successful tokenP per app key per issue interval (EGW00133 otherwise).
 */
export class TokenStore {
  private readonly byValue = new Map<string, IssuedToken>();
  private readonly latestByKey = new Map<string, IssuedToken>();
  private readonly lastIssue = new Map<string, Stamp>();
  private readonly signingKey = randomBytes(32);
  private issued = 0;

  constructor(
    private readonly clock: Clock,
    private readonly issueIntervalMs: number,
  ) {}

  get issuedCount(): number {
    return this.issued;
  }

  issue(appKey: string, environment: SimEnvironment): IssuedToken | 'EGW00133' {
    const last = this.lastIssue.get(appKey);
    if (last && !hasElapsed(this.clock, last, this.issueIntervalMs)) return 'EGW00133';
    const now = this.clock.now().getTime();
    this.lastIssue.set(appKey, stampNow(this.clock));
    const current = this.latestByKey.get(appKey);
    if (
      current &&
      !current.revoked &&
      now < current.expiresAt &&
      now - current.issuedAt < SAME_TOKEN_WITHIN_MS
    ) {
      return current;
    }
    const token: IssuedToken = {
      accessToken: this.sign(now),
      appKey,
      environment,
      issuedAt: now,
      expiresAt: now + TOKEN_LIFETIME_MS,
      revoked: false,
    };
    this.byValue.set(token.accessToken, token);
    this.latestByKey.set(appKey, token);
    this.issued += 1;
    return token;
  }

  check(accessToken: string, appKey: string, environment: SimEnvironment): TokenCheck {
    const token = this.byValue.get(accessToken);
    if (!token || token.revoked || token.appKey !== appKey || token.environment !== environment)
      return 'EGW00121';
    if (this.clock.now().getTime() >= token.expiresAt) return 'EGW00123';
    return 'ok';
  }

  revoke(accessToken: string, appKey: string): boolean {
    const token = this.byValue.get(accessToken);
    if (!token || token.revoked || token.appKey !== appKey) return false;
    token.revoked = true;
    return true;
  }

  /** Every token expires now; the issue throttle is lifted too, as if the 24 h had really passed. */
  expireAll(): void {
    const now = this.clock.now().getTime();
    for (const token of this.byValue.values()) token.expiresAt = Math.min(token.expiresAt, now);
    this.lastIssue.clear();
  }

  /** A JWT-shaped opaque token (~350 chars like KIS's); its contents mean nothing to clients. */
  private sign(nowMs: number): string {
    const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = encode({ typ: 'JWT', alg: 'HS512' });
    const payload = encode({
      sub: 'token',
      aud: randomUUID(),
      prdt_cd: '',
      iss: 'unogw',
      exp: Math.floor((nowMs + TOKEN_LIFETIME_MS) / 1000),
      iat: Math.floor(nowMs / 1000),
      jti: randomUUID(),
    });
    const signature = createHmac('sha512', this.signingKey)
      .update(`${header}.${payload}`)
      .digest('base64url');
    return `${header}.${payload}.${signature}`;
  }
}

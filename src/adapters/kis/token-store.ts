/**
 * Where access tokens outlive the process. The stored value is always ciphertext (see token-cipher.ts);
 * keyId is a hash of (environment, appKey), never the key itself.
 */
export interface StoredToken {
  ciphertext: string;
  expiresAt: Date;
  issuedAt: Date;
}

export interface TokenStore {
  get(keyId: string): Promise<StoredToken | null>;
  put(keyId: string, token: StoredToken): Promise<void>;
  /** Runs fn while holding a lock shared by every process using the same store (DB advisory lock). */
  withIssueLock<T>(keyId: string, fn: () => Promise<T>): Promise<T>;
  lastIssueAttempt(keyId: string): Promise<Date | null>;
  recordIssueAttempt(keyId: string, at: Date): Promise<void>;
}

/** A store for tests and single-process runs: every client given the same instance shares its lock. */
export class InMemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();
  private readonly attempts = new Map<string, Date>();
  private readonly locks = new Map<string, Promise<void>>();

  async get(keyId: string): Promise<StoredToken | null> {
    const token = this.tokens.get(keyId);
    return token ? { ...token } : null;
  }

  async put(keyId: string, token: StoredToken): Promise<void> {
    this.tokens.set(keyId, { ...token });
  }

  async withIssueLock<T>(keyId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(keyId) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.locks.set(keyId, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.locks.get(keyId) === tail) this.locks.delete(keyId);
    }
  }

  async lastIssueAttempt(keyId: string): Promise<Date | null> {
    return this.attempts.get(keyId) ?? null;
  }

  async recordIssueAttempt(keyId: string, at: Date): Promise<void> {
    this.attempts.set(keyId, at);
  }
}

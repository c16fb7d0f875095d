import { eq, sql } from 'drizzle-orm';
import type { StoredToken, TokenStore } from '../kis/token-store';
import { SerialQueue } from '../../app/serial';
import type { Database } from './client';
import { kisTokenCache } from './schema';

/**
 * The KIS token cache in the database, shared by every process using it: one issuance per app key across
 * restarts and processes. On Postgres the issue lock is an advisory lock held by a transaction (other
 * queries use other pool connections); embedded PGlite is single-process, so an in-process queue suffices.
 */
export function createDbTokenStore(database: Pick<Database, 'db' | 'kind'>): TokenStore {
  const { db } = database;
  const localLocks = new Map<string, SerialQueue>();

  const upsert = async (keyId: string, values: Partial<typeof kisTokenCache.$inferInsert>): Promise<void> => {
    await db
      .insert(kisTokenCache)
      .values({ keyId, ...values })
      .onConflictDoUpdate({ target: kisTokenCache.keyId, set: { ...values } });
  };

  return {
    async get(keyId) {
      const [row] = await db.select().from(kisTokenCache).where(eq(kisTokenCache.keyId, keyId));
      if (!row?.ciphertext || !row.expiresAt || !row.issuedAt) return null;
      return { ciphertext: row.ciphertext, expiresAt: row.expiresAt, issuedAt: row.issuedAt };
    },
    async put(keyId, token: StoredToken) {
      await upsert(keyId, {
        ciphertext: token.ciphertext,
        expiresAt: token.expiresAt,
        issuedAt: token.issuedAt,
      });
    },
    async withIssueLock(keyId, fn) {
      if (database.kind === 'pglite') {
        const queue = localLocks.get(keyId) ?? new SerialQueue();
        localLocks.set(keyId, queue);
        return queue.run(fn);
      }
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`kis-token:${keyId}`}))`);
        return fn();
      });
    },
    async lastIssueAttempt(keyId) {
      const [row] = await db
        .select({ at: kisTokenCache.lastIssueAttemptAt })
        .from(kisTokenCache)
        .where(eq(kisTokenCache.keyId, keyId));
      return row?.at ?? null;
    },
    async recordIssueAttempt(keyId, at) {
      await upsert(keyId, { lastIssueAttemptAt: at });
    },
  };
}

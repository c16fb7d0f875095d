import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { resetTestMemory } from './memory';
import { openMigratedPglite } from './pglite-image';
import { openDatabase, type Database } from '../../src/adapters/db/client';

export interface TestDatabaseTarget {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

/**
 * Databases every repository test runs against: PGlite always, Postgres when TEST_DATABASE_URL is set.
 * Each `open()` gives a fresh, migrated database (a new Postgres database per call) that `close()` removes.
 */
export function testDatabaseTargets(): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [{ name: 'pglite', open: openMigratedPglite }];
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) targets.push({ name: 'postgres', open: () => openFreshPostgres(adminUrl) });
  return targets;
}

export async function openFreshPostgres(adminUrl: string): Promise<Database & { url: string }> {
  const name = `kisdesk_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

const ALL_TABLES = [
  'session_messages',
  'sessions',
  'fills',
  'orders',
  'order_intents',
  'order_events',
  'positions',
  'account_book',
  'nav_snapshots',
  'daily_run_steps',
  'daily_runs',
  'trading_state_changes',
  'news_items',
  'llm_usage',
  'kis_token_cache',
  'alerts',
  'publications',
  'blackout_windows',
  'canary_runs',
  'kis_request_counts',
  'desk_settings',
  'decision_scores',
  'watchlist',
  'watch_firings',
  'job_runs',
];

/** Empties every table (TRUNCATE fires no row triggers, so the append-only logs can be reset between tests). */
export async function truncateAll(database: Database): Promise<void> {
  const tables = database.vectorAvailable ? [...ALL_TABLES, 'memories'] : ALL_TABLES;
  await database.db.execute(sql.raw(`truncate table ${tables.join(', ')} restart identity cascade`));
  resetTestMemory(database);
}

/**
 * Under `npm run mutate` (vitest.mutate.config.ts sets MUTATE_SHARED_PGLITE=1 and runs files without isolation),
 * the files of one worker thread share one PGlite, also from one mutant's run to the next when the thread is kept
 * (test/support/mutate-pool.ts); every test still starts from emptied tables. Opening a database per file was most
 * of a mutant's cost.
 */
let sharedPglite: Promise<Database> | null = null;

/**
 * One database per test file and target, emptied before each test: opening PGlite and migrating costs
 * seconds, truncating costs milliseconds.
 */
export function useTestDatabase(target: TestDatabaseTarget): { readonly database: Database } {
  const holder: { database: Database | null } = { database: null };
  const shared = target.name === 'pglite' && process.env.MUTATE_SHARED_PGLITE === '1';
  beforeAll(async () => {
    holder.database = await (shared ? (sharedPglite ??= target.open()) : target.open());
  });
  afterAll(async () => {
    if (!shared) await holder.database?.close();
  });
  beforeEach(async () => {
    await truncateAll(holder.database!);
  });
  return {
    get database(): Database {
      if (!holder.database) throw new Error('test database not open yet');
      return holder.database;
    },
  };
}

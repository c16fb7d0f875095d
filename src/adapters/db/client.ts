import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { repoPath } from '../resources';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database or a transaction: every query function takes this first, so it runs inside a transaction too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Whether the pgvector memory table exists (always on PGlite; on Postgres only with the extension). */
  vectorAvailable: boolean;
  /** Human-readable location without credentials, for the start-up banner. */
  description: string;
  /** The underlying connection, for parts that bring their own SQL client (the job queue, the scheduler leader lock). */
  connection: { url: string } | { pglite: PGlite };
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL. When absent, the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; `memory://` for an in-memory database (tests). */
  dataDir?: string;
  /**
   * PGlite only: a data directory dumped by PGlite's `dumpDataDir` to start from instead of an empty one (the tests
   * start from one already migrated: loading it takes about a second, migrating an empty database ten). The
   * migrations still run and find nothing left to do.
   */
  pgliteImage?: Blob;
}

const CORE_MIGRATIONS = { folder: repoPath('drizzle', 'core'), table: '__drizzle_migrations_core' };
const VECTOR_MIGRATIONS = { folder: repoPath('drizzle', 'vector'), table: '__drizzle_migrations_vector' };
/** Serialises migrations across processes sharing one Postgres. */
const MIGRATION_LOCK_ID = 7_512_031;

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  return options.url
    ? openPostgres(options.url)
    : openPglite(options.dataDir ?? repoPath('data', 'pglite'), options.pgliteImage);
}

/** A second desk on the same PGlite directory: refused before anything is opened. */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, owner: string) {
    super(
      `PGlite data directory ${dataDir} is already used by another kis-desk process (${owner}). ` +
        'Embedded PGlite serves one process: stop the other desk, or set DATABASE_URL so every process shares one Postgres.',
    );
    this.name = 'DataDirInUseError';
  }
}

const claimedDirs = new Set<string>();

/** Claims the directory with `<dir>.lock` holding our pid; a lock whose process is gone is taken over. */
function claimDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  const lockPath = `${dir}.lock`;
  if (claimedDirs.has(dir)) throw new DataDirInUseError(dir, 'this process');
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new DataDirInUseError(dir, `pid ${pid}`);
    }
    writeFileSync(lockPath, String(process.pid));
  }
  claimedDirs.add(dir);
  return () => {
    claimedDirs.delete(dir);
    rmSync(lockPath, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPglite(dataDir: string, image: Blob | undefined): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? () => undefined : claimDataDir(dataDir);
  try {
    return await openClaimedPglite(dataDir, image, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function openClaimedPglite(
  dataDir: string,
  image: Blob | undefined,
  release: () => void,
): Promise<Database> {
  const client = await PGlite.create(dataDir, { extensions: { vector }, ...(image ? { loadDataDir: image } : {}) });
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, {
    migrationsFolder: CORE_MIGRATIONS.folder,
    migrationsTable: CORE_MIGRATIONS.table,
  });
  await migratePglite(db, {
    migrationsFolder: VECTOR_MIGRATIONS.folder,
    migrationsTable: VECTOR_MIGRATIONS.table,
  });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    vectorAvailable: true,
    description: dataDir.startsWith('memory://') ? 'PGlite (in memory)' : `PGlite (${dataDir})`,
    connection: { pglite: client },
    close: async () => {
      await client.close();
      release();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const vectorAvailable = await migratePostgresDatabase(url);
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    vectorAvailable,
    description: `Postgres (${describePostgresUrl(url)})`,
    connection: { url },
    close: () => client.end({ timeout: 5 }),
  };
}

/** Applies the migrations under an advisory lock on one dedicated connection. Returns whether pgvector is in. */
export async function migratePostgresDatabase(url: string): Promise<boolean> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzlePostgres(client, { schema });
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    try {
      await migratePostgres(db, {
        migrationsFolder: CORE_MIGRATIONS.folder,
        migrationsTable: CORE_MIGRATIONS.table,
      });
      const available = await client`select 1 from pg_available_extensions where name = 'vector'`;
      if (available.length === 0) return false;
      await migratePostgres(db, {
        migrationsFolder: VECTOR_MIGRATIONS.folder,
        migrationsTable: VECTOR_MIGRATIONS.table,
      });
      return true;
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** host:port/database, never the user or password. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'unparseable URL';
  }
}

export async function pingDatabase(db: DbOrTx): Promise<void> {
  await db.execute(sql`select 1`);
}

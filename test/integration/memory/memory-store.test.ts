import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { QdrantClient } from '@qdrant/js-client-rest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { describe, it } from 'vitest';
import type { Db } from '../../../src/adapters/db/client';
import { createPgVectorMemoryStore, type SqlDatabase } from '../../../src/adapters/memory/pgvector';
import { createQdrantMemoryStore } from '../../../src/adapters/memory/qdrant';
import { openFreshPostgres } from '../../support/db';
import { startFakeQdrant } from '../../support/fake-qdrant';
import { describeMemoryStoreContract, type MemoryStoreHarness } from './contract';
import { MEMORIES_TABLE_SQL } from './memories-table';

async function openPgVector(): Promise<MemoryStoreHarness> {
  const client = await PGlite.create({ extensions: { vector } });
  await client.exec(MEMORIES_TABLE_SQL);
  const db = drizzle(client);
  return {
    create: ({ embedder, clock }) => createPgVectorMemoryStore({ db, embedder, clock }),
    reset: async () => void (await db.execute(sql`TRUNCATE memories`)),
    close: () => client.close(),
  };
}

describeMemoryStoreContract('pgvector on PGlite', openPgVector);

// Compile-time: the app's database handle (PGlite or postgres-js) is what the pgvector store takes.
const _appDatabaseFits = (db: Db): SqlDatabase => db;

/** pgvector on the Postgres of TEST_DATABASE_URL, through the real migrations (needs the `vector` extension). */
const adminUrl = process.env.TEST_DATABASE_URL;
const postgresHasVector = adminUrl ? await hasVectorExtension(adminUrl) : false;

if (adminUrl && postgresHasVector) {
  describeMemoryStoreContract('pgvector on Postgres', async () => {
    const database = await openFreshPostgres(adminUrl);
    return {
      create: ({ embedder, clock }) => createPgVectorMemoryStore({ db: database.db, embedder, clock }),
      reset: async () => void (await database.db.execute(sql`TRUNCATE memories`)),
      close: () => database.close(),
    };
  });
} else {
  describe('MemoryStore contract: pgvector on Postgres', () => {
    it.skip(
      adminUrl
        ? 'skipped: the Postgres of TEST_DATABASE_URL has no pgvector extension (package postgresql-<major>-pgvector)'
        : 'skipped: set TEST_DATABASE_URL to run the contract on Postgres with pgvector',
      () => {},
    );
  });
}

async function hasVectorExtension(url: string): Promise<boolean> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await client`select 1 from pg_available_extensions where name = 'vector'`;
    return rows.length > 0;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** The Qdrant adapter against a Qdrant at `url`; each test starts from a dropped collection. */
function qdrantHarness(
  url: string,
  apiKey: string | undefined,
  shutdown?: () => Promise<void>,
): MemoryStoreHarness {
  const collection = `kisdesk_test_${process.pid}_${Date.now()}`;
  const client = new QdrantClient({ url, apiKey, checkCompatibility: false });
  // Each store made by `create` creates the collection again on first use.
  const dropCollection = async () => {
    if ((await client.collectionExists(collection)).exists) await client.deleteCollection(collection);
  };
  return {
    create: ({ embedder, clock }) => createQdrantMemoryStore({ url, apiKey, collection, embedder, clock }),
    reset: dropCollection,
    close: async () => {
      await dropCollection();
      await shutdown?.();
    },
  };
}

// Qdrant's REST API as its OpenAPI document (v1.15.0, the image in docker-compose.yml) describes it.
describeMemoryStoreContract('Qdrant (fake from its OpenAPI document)', async () => {
  const fake = await startFakeQdrant();
  return qdrantHarness(fake.url, undefined, fake.close);
});

const qdrantUrl = process.env.QDRANT_URL;

if (qdrantUrl) {
  describeMemoryStoreContract('Qdrant server at QDRANT_URL', async () =>
    qdrantHarness(qdrantUrl, process.env.QDRANT_API_KEY),
  );
} else {
  describe('MemoryStore contract: Qdrant server at QDRANT_URL', () => {
    it.skip('skipped: set QDRANT_URL (and QDRANT_API_KEY if needed) to run the contract against a Qdrant server', () => {});
  });
}

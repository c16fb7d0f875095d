import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { QdrantClient } from '@qdrant/js-client-rest';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { describe, it } from 'vitest';
import type { Db } from '../../../src/adapters/db/client';
import { createPgVectorMemoryStore, type SqlDatabase } from '../../../src/adapters/memory/pgvector';
import { createQdrantMemoryStore } from '../../../src/adapters/memory/qdrant';
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

const qdrantUrl = process.env.QDRANT_URL;

if (qdrantUrl) {
  const collection = `kisdesk_test_${process.pid}_${Date.now()}`;
  describeMemoryStoreContract('Qdrant', async () => {
    const client = new QdrantClient({
      url: qdrantUrl,
      apiKey: process.env.QDRANT_API_KEY,
      checkCompatibility: false,
    });
    const create: MemoryStoreHarness['create'] = ({ embedder, clock }) =>
      createQdrantMemoryStore({
        url: qdrantUrl,
        apiKey: process.env.QDRANT_API_KEY,
        collection,
        embedder,
        clock,
      });
    // Each store made by `create` creates the collection again on first use.
    const dropCollection = async () => {
      if ((await client.collectionExists(collection)).exists) await client.deleteCollection(collection);
    };
    return { create, reset: dropCollection, close: dropCollection };
  });
} else {
  describe('MemoryStore contract: Qdrant', () => {
    it.skip('skipped: set QDRANT_URL (and QDRANT_API_KEY if needed) to run the contract against a Qdrant server', () => {});
  });
}

/**
 * The pgvector memory table lives in its own migration set (drizzle/vector): it is applied only where the
 * `vector` extension exists (always on the embedded PGlite; on Postgres when pgvector is installed).
 */
import { index, pgTable, text, timestamp, vector } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const EMBEDDING_DIMENSIONS = 512;

export const memories = pgTable(
  'memories',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    content: text('content').notNull(),
    date: text('date').notNull(),
    tickers: text('tickers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    threadId: text('thread_id'),
    source: text('source'),
    embedder: text('embedder').notNull(),
    embedding: vector('embedding', { dimensions: EMBEDDING_DIMENSIONS }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('memories_embedding_hnsw_idx').using('hnsw', t.embedding.op('vector_cosine_ops')),
    index('memories_kind_date_idx').on(t.kind, t.date),
  ],
);

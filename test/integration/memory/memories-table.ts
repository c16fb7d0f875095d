/** The `memories` table exactly as the lead's migration creates it; tests and the bench build it on a bare PGlite. */
export const HNSW_INDEX_SQL =
  'CREATE INDEX memories_embedding_hnsw_idx ON memories USING hnsw (embedding vector_cosine_ops)';

export const MEMORIES_TABLE_SQL = `
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE memories (id text PRIMARY KEY, kind text NOT NULL, content text NOT NULL, date text NOT NULL, tickers text[] NOT NULL DEFAULT '{}', thread_id text, source text, embedder text NOT NULL, embedding vector(512) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
${HNSW_INDEX_SQL};
CREATE INDEX memories_kind_date_idx ON memories (kind, date);
`;

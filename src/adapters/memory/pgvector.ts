import { sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../domain/clock';
import type { Embedder } from '../../domain/ports/llm';
import type {
  MemoryFilter,
  MemoryHit,
  MemoryRecord,
  MemoryStore,
  NewMemory,
} from '../../domain/ports/memory';
import { checkVectors, parseNewMemories, parseSearchOptions } from './validate';

/** What this store needs of a drizzle database: PGlite and postgres-js both fit. */
export interface SqlDatabase {
  execute(query: SQL): PromiseLike<unknown>;
  transaction<T>(run: (tx: SqlDatabase) => Promise<T>): Promise<T>;
}

export interface PgVectorMemoryStoreOptions {
  db: SqlDatabase;
  embedder: Embedder;
  clock: Clock;
  /** Candidates the HNSW scan keeps (pgvector default 40); higher buys recall with latency. */
  efSearch?: number;
}

export const DEFAULT_EF_SEARCH = 100;
const ROWS_PER_INSERT = 250;

/**
 * Memory in the `memories` table (pgvector, created by the migration). Searches compare only vectors of
 * this store's embedder and rank by cosine similarity through the HNSW index; filtered searches use
 * pgvector's iterative scan so a selective filter still fills `k`.
 */
export function createPgVectorMemoryStore(options: PgVectorMemoryStoreOptions): MemoryStore {
  const { db, embedder, clock } = options;
  const efSearch = Math.min(Math.max(Math.trunc(options.efSearch ?? DEFAULT_EF_SEARCH), 1), 1_000);

  /** One statement per ROWS_PER_INSERT rows; `keepCreatedAt` leaves the stored createdAt of replaced rows alone. */
  async function insert(
    tx: SqlDatabase,
    items: { record: NewMemory; vector: number[] }[],
    keepCreatedAt: boolean,
  ) {
    const now = clock.now();
    for (let start = 0; start < items.length; start += ROWS_PER_INSERT) {
      const rows = items.slice(start, start + ROWS_PER_INSERT).map(
        ({ record, vector }) => sql`(${record.id}, ${record.kind}, ${record.content}, ${record.date},
          ${textArray(record.tickers)}, ${record.threadId}, ${record.source}, ${embedder.id},
          ${vectorLiteral(vector)}::vector, ${(record.createdAt ?? now).toISOString()}::timestamptz)`,
      );
      await tx.execute(sql`
        INSERT INTO memories (id, kind, content, date, tickers, thread_id, source, embedder, embedding, created_at)
        VALUES ${sql.join(rows, sql`, `)}
        ON CONFLICT (id) DO UPDATE SET
          kind = EXCLUDED.kind, content = EXCLUDED.content, date = EXCLUDED.date, tickers = EXCLUDED.tickers,
          thread_id = EXCLUDED.thread_id, source = EXCLUDED.source, embedder = EXCLUDED.embedder,
          embedding = EXCLUDED.embedding,
          created_at = ${keepCreatedAt ? sql`memories.created_at` : sql`EXCLUDED.created_at`}`);
    }
  }

  return {
    async upsert(input) {
      const records = parseNewMemories(input);
      if (records.length === 0) return;
      const vectors = checkVectors(await embedder.embed(records.map((r) => r.content)), records.length);
      const items = records.map((record, i) => ({ record, vector: vectors[i] ?? [] }));
      await db.transaction(async (tx) => {
        await insert(
          tx,
          items.filter((item) => item.record.createdAt),
          false,
        );
        await insert(
          tx,
          items.filter((item) => !item.record.createdAt),
          true,
        );
      });
    },

    async search(query, opts) {
      const { k, filter } = parseSearchOptions(opts);
      const [vector] = checkVectors(await embedder.embed([query]), 1);
      const target = sql`${vectorLiteral(vector ?? [])}::vector`;
      const rows = await db.transaction(async (tx) => {
        // 512-dim vectors are TOASTed, so the planner prices a full scan far too low and skips the HNSW index
        // (20k rows: ~130 ms exact scan instead of a few ms). Filters still apply through the iterative index scan.
        await tx.execute(sql`
          SELECT set_config('hnsw.ef_search', ${String(Math.max(efSearch, k))}, true),
                 set_config('hnsw.iterative_scan', 'relaxed_order', true),
                 set_config('enable_seqscan', 'off', true)`);
        return rowsOf(
          await tx.execute(sql`
            SELECT ${SELECTED_COLUMNS}, (embedding <=> ${target}) AS distance
            FROM memories
            WHERE ${sql.join(conditions(embedder.id, filter), sql` AND `)}
            ORDER BY embedding <=> ${target}
            LIMIT ${k}`),
        );
      });
      // relaxed_order may return neighbours slightly out of order.
      return rows
        .map((row): MemoryHit => ({ record: toRecord(row), score: 1 - Number(row['distance']) }))
        .sort((a, b) => b.score - a.score);
    },

    async get(id) {
      const rows = rowsOf(await db.execute(sql`SELECT ${SELECTED_COLUMNS} FROM memories WHERE id = ${id}`));
      const [row] = rows;
      return row ? toRecord(row) : null;
    },

    async delete(ids) {
      if (ids.length === 0) return 0;
      const rows = rowsOf(
        await db.execute(sql`
          WITH deleted AS (DELETE FROM memories WHERE id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )}) RETURNING 1)
          SELECT count(*)::int AS n FROM deleted`),
      );
      return Number(rows[0]?.['n'] ?? 0);
    },

    async count() {
      const rows = rowsOf(await db.execute(sql`SELECT count(*)::int AS n FROM memories`));
      return Number(rows[0]?.['n'] ?? 0);
    },
  };
}

// created_at as epoch milliseconds: drivers disagree on how they hand back timestamptz.
const SELECTED_COLUMNS = sql.raw(
  `id, kind, content, date, tickers, thread_id, source, (extract(epoch from created_at) * 1000)::float8 AS created_ms`,
);

function conditions(embedderId: string, filter: MemoryFilter): SQL[] {
  const where: SQL[] = [sql`embedder = ${embedderId}`];
  if (filter.kinds) {
    if (filter.kinds.length === 0) return [sql`false`];
    where.push(
      sql`kind IN (${sql.join(
        filter.kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    );
  }
  if (filter.tickers) {
    if (filter.tickers.length === 0) return [sql`false`];
    where.push(sql`tickers && ${textArray(filter.tickers)}`);
  }
  if (filter.fromDate) where.push(sql`date >= ${filter.fromDate}`);
  if (filter.toDate) where.push(sql`date <= ${filter.toDate}`);
  if (filter.threadId) where.push(sql`thread_id = ${filter.threadId}`);
  return where;
}

function textArray(values: string[]): SQL {
  if (values.length === 0) return sql`'{}'::text[]`;
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

function vectorLiteral(vector: number[]): string {
  return `[${vector.join(',')}]`;
}

type Row = Record<string, unknown>;

/** PGlite returns `{ rows }`, postgres-js an array of rows. */
function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as Row[]) : [];
}

function toRecord(row: Row): MemoryRecord {
  return {
    id: String(row['id']),
    kind: String(row['kind']) as MemoryRecord['kind'],
    content: String(row['content']),
    date: String(row['date']),
    tickers: Array.isArray(row['tickers']) ? row['tickers'].map(String) : [],
    threadId: row['thread_id'] == null ? null : String(row['thread_id']),
    source: row['source'] == null ? null : String(row['source']),
    createdAt: new Date(Number(row['created_ms'])),
  };
}

import type { Database } from '../../src/adapters/db/client';
import { createPgVectorMemoryStore } from '../../src/adapters/memory/pgvector';
import type { Clock } from '../../src/domain/clock';
import type { Embedder } from '../../src/domain/ports/llm';
import type {
  MemoryFilter,
  MemoryHit,
  MemoryRecord,
  MemoryStore,
  NewMemory,
} from '../../src/domain/ports/memory';

/**
 * The memory store a test gets for a database: pgvector where the extension exists (always on PGlite), else an
 * exact in-memory store with the same contract (CI's Postgres has no pgvector; in production Qdrant is used
 * there). One store per database, so a "restarted" desk over the same database sees the same memories.
 */
const perDatabase = new WeakMap<Database, MemoryStore>();

export function testMemoryStore(database: Database, embedder: Embedder, clock: Clock): MemoryStore {
  if (database.vectorAvailable) return createPgVectorMemoryStore({ db: database.db, embedder, clock });
  let store = perDatabase.get(database);
  if (!store) {
    store = new ExactMemoryStore(embedder, clock);
    perDatabase.set(database, store);
  }
  return store;
}

class ExactMemoryStore implements MemoryStore {
  private readonly rows = new Map<string, { record: MemoryRecord; vector: number[] }>();

  constructor(
    private readonly embedder: Embedder,
    private readonly clock: Clock,
  ) {}

  async upsert(records: NewMemory[]): Promise<void> {
    const vectors = await this.embedder.embed(records.map((r) => r.content));
    records.forEach((r, i) => {
      const createdAt = r.createdAt ?? this.rows.get(r.id)?.record.createdAt ?? this.clock.now();
      this.rows.set(r.id, { record: { ...r, createdAt }, vector: vectors[i]! });
    });
  }

  async search(query: string, opts: { k: number; filter?: MemoryFilter }): Promise<MemoryHit[]> {
    const [q] = await this.embedder.embed([query]);
    const f = opts.filter ?? {};
    return [...this.rows.values()]
      .filter(
        ({ record: r }) =>
          (!f.kinds || f.kinds.includes(r.kind)) &&
          (!f.tickers || f.tickers.some((t) => r.tickers.includes(t))) &&
          (!f.fromDate || r.date >= f.fromDate) &&
          (!f.toDate || r.date <= f.toDate) &&
          (!f.threadId || r.threadId === f.threadId),
      )
      .map(({ record, vector }) => ({ record, score: vector.reduce((s, v, i) => s + v * (q![i] ?? 0), 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, opts.k);
  }

  async get(id: string): Promise<MemoryRecord | null> {
    return this.rows.get(id)?.record ?? null;
  }

  async delete(ids: string[]): Promise<number> {
    return ids.filter((id) => this.rows.delete(id)).length;
  }

  async count(): Promise<number> {
    return this.rows.size;
  }
}

/** Forgets the in-memory store of a database (called when the test database is truncated). */
export function resetTestMemory(database: Database): void {
  perDatabase.delete(database);
}

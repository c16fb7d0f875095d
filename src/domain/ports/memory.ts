/**
 * Long-term memory of the desk: session summaries, briefings, news and notes, searched by meaning.
 * Callers pass text; the store embeds it through its own Embedder.
 */

export type MemoryKind = 'session_summary' | 'briefing' | 'news' | 'note';

export const MEMORY_KINDS: readonly MemoryKind[] = ['session_summary', 'briefing', 'news', 'note'];

export interface MemoryRecord {
  id: string;
  kind: MemoryKind;
  content: string;
  /** KST calendar date, YYYY-MM-DD. */
  date: string;
  tickers: string[];
  threadId: string | null;
  source: string | null;
  createdAt: Date;
}

/** Every given condition must hold. `tickers` matches records that mention at least one of them; dates are inclusive. */
export interface MemoryFilter {
  kinds?: MemoryKind[];
  tickers?: string[];
  fromDate?: string;
  toDate?: string;
  threadId?: string;
}

export interface MemoryHit {
  record: MemoryRecord;
  /** Cosine similarity, higher is closer (1 = same direction). */
  score: number;
}

export type NewMemory = Omit<MemoryRecord, 'createdAt'> & { createdAt?: Date };

export interface MemoryStore {
  /** Inserts or replaces by id. A record upserted again keeps its createdAt unless a new one is given. */
  upsert(records: NewMemory[]): Promise<void>;
  /** Best `k` hits, highest score first. Only vectors of this store's embedder are compared. */
  search(query: string, opts: { k: number; filter?: MemoryFilter }): Promise<MemoryHit[]>;
  get(id: string): Promise<MemoryRecord | null>;
  /** Returns how many of the ids existed. */
  delete(ids: string[]): Promise<number>;
  count(): Promise<number>;
}

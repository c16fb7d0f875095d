/** The boundary checks both memory stores share: what may be stored, what may be asked, what the embedder returned. */
import { z } from 'zod';
import { EMBEDDING_DIMENSIONS } from '../../domain/ports/llm';
import { MEMORY_KINDS, type MemoryFilter, type NewMemory } from '../../domain/ports/memory';

export class MemoryStoreError extends Error {
  override readonly name = 'MemoryStoreError';
}

const kstDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a KST date YYYY-MM-DD');
const kind = z.enum(MEMORY_KINDS as [NewMemory['kind'], ...NewMemory['kind'][]]);

const newMemory = z.object({
  id: z.string().min(1).max(256),
  kind,
  content: z.string().min(1).max(100_000),
  date: kstDate,
  tickers: z.array(z.string().min(1).max(16)).max(100),
  threadId: z.string().min(1).max(256).nullable(),
  source: z.string().max(2_000).nullable(),
  createdAt: z.date().optional(),
});

const memoryFilter = z
  .object({
    kinds: z.array(kind).optional(),
    tickers: z.array(z.string().min(1).max(16)).optional(),
    fromDate: kstDate.optional(),
    toDate: kstDate.optional(),
    threadId: z.string().min(1).max(256).optional(),
  })
  .optional();

const searchOptions = z.object({ k: z.number().int().min(1).max(200), filter: memoryFilter });

function fail(what: string, error: z.ZodError): never {
  throw new MemoryStoreError(`${what}: ${z.prettifyError(error)}`);
}

/** Valid records, one per id (the last of duplicates wins, as if upserted one after the other). */
export function parseNewMemories(records: NewMemory[]): NewMemory[] {
  const parsed = z.array(newMemory).safeParse(records);
  if (!parsed.success) fail('invalid memory record', parsed.error);
  return [...new Map(parsed.data.map((record) => [record.id, record])).values()];
}

export function parseSearchOptions(opts: { k: number; filter?: MemoryFilter }): {
  k: number;
  filter: MemoryFilter;
} {
  const parsed = searchOptions.safeParse(opts);
  if (!parsed.success) fail('invalid memory search', parsed.error);
  return { k: parsed.data.k, filter: parsed.data.filter ?? {} };
}

export function checkVectors(vectors: number[][], expected: number): number[][] {
  const usable = (v: number[]) => v.length === EMBEDDING_DIMENSIONS && v.every(Number.isFinite);
  if (vectors.length !== expected || !vectors.every(usable)) {
    throw new MemoryStoreError(
      `the embedder returned unusable vectors (want ${expected} × ${EMBEDDING_DIMENSIONS} finite numbers)`,
    );
  }
  return vectors;
}

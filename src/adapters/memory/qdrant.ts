import { QdrantClient, type Schemas } from '@qdrant/js-client-rest';
import type { Clock } from '../../domain/clock';
import { EMBEDDING_DIMENSIONS, type Embedder } from '../../domain/ports/llm';
import type {
  MemoryFilter,
  MemoryHit,
  MemoryKind,
  MemoryRecord,
  MemoryStore,
} from '../../domain/ports/memory';
import { pointIdFor } from './point-id';
import { checkVectors, MemoryStoreError, parseNewMemories, parseSearchOptions } from './validate';

export interface QdrantMemoryStoreOptions {
  url: string;
  apiKey?: string;
  collection: string;
  embedder: Embedder;
  clock: Clock;
  /** Candidates the HNSW search keeps; higher buys recall with latency. */
  hnswEf?: number;
}

/** What each point carries; `memoryId` is the caller's id (point ids must be UUIDs or integers). */
interface MemoryPayload {
  memoryId: string;
  kind: MemoryKind;
  content: string;
  date: string;
  /** The date as an integer (20250303) so Qdrant can range-filter it. */
  dateKey: number;
  tickers: string[];
  thread: string | null;
  source: string | null;
  createdAt: string;
  embedder: string;
}

const INDEXED_FIELDS: [keyof MemoryPayload, Schemas['PayloadSchemaType']][] = [
  ['kind', 'keyword'],
  ['dateKey', 'integer'],
  ['tickers', 'keyword'],
  ['thread', 'keyword'],
  ['embedder', 'keyword'],
];
const DEFAULT_HNSW_EF = 128;
const POINTS_PER_UPSERT = 256;

/** Memory in a Qdrant collection (512-dimensional, cosine), created with its payload indexes on first use. */
export function createQdrantMemoryStore(options: QdrantMemoryStoreOptions): MemoryStore {
  const { collection, embedder, clock } = options;
  const client = new QdrantClient({ url: options.url, apiKey: options.apiKey, checkCompatibility: false });
  const hnswEf = options.hnswEf ?? DEFAULT_HNSW_EF;
  let ready: Promise<void> | null = null;

  function ensureCollection(): Promise<void> {
    ready ??= createCollectionIfMissing().catch((error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  }

  async function createCollectionIfMissing(): Promise<void> {
    if ((await client.collectionExists(collection)).exists) return;
    try {
      await client.createCollection(collection, {
        vectors: { size: EMBEDDING_DIMENSIONS, distance: 'Cosine' },
      });
    } catch (error) {
      // Another process may have created it in between.
      if (!(await client.collectionExists(collection)).exists) throw error;
      return;
    }
    for (const [field, schema] of INDEXED_FIELDS) {
      await client.createPayloadIndex(collection, { field_name: field, field_schema: schema, wait: true });
    }
  }

  async function existingCreatedAt(ids: string[]): Promise<Map<string, string>> {
    const points = await client.retrieve(collection, {
      ids: ids.map(pointIdFor),
      with_payload: ['memoryId', 'createdAt'],
    });
    const found = new Map<string, string>();
    for (const point of points) {
      const payload = point.payload ?? {};
      if (typeof payload['memoryId'] === 'string' && typeof payload['createdAt'] === 'string') {
        found.set(payload['memoryId'], payload['createdAt']);
      }
    }
    return found;
  }

  return {
    async upsert(input) {
      const records = parseNewMemories(input);
      if (records.length === 0) return;
      await ensureCollection();
      const vectors = checkVectors(await embedder.embed(records.map((r) => r.content)), records.length);
      const kept = await existingCreatedAt(records.filter((r) => !r.createdAt).map((r) => r.id));
      const now = clock.now().toISOString();
      const points = records.map((record, i) => {
        const payload: MemoryPayload = {
          memoryId: record.id,
          kind: record.kind,
          content: record.content,
          date: record.date,
          dateKey: dateKey(record.date),
          tickers: record.tickers,
          thread: record.threadId,
          source: record.source,
          createdAt: record.createdAt?.toISOString() ?? kept.get(record.id) ?? now,
          embedder: embedder.id,
        };
        return { id: pointIdFor(record.id), vector: vectors[i] ?? [], payload: { ...payload } };
      });
      for (let start = 0; start < points.length; start += POINTS_PER_UPSERT) {
        await client.upsert(collection, {
          wait: true,
          points: points.slice(start, start + POINTS_PER_UPSERT),
        });
      }
    },

    async search(query, opts) {
      const { k, filter } = parseSearchOptions(opts);
      if (filter.kinds?.length === 0 || filter.tickers?.length === 0) return [];
      await ensureCollection();
      const [vector] = checkVectors(await embedder.embed([query]), 1);
      const response = await client.query(collection, {
        query: vector ?? [],
        filter: toQdrantFilter(embedder.id, filter),
        limit: k,
        with_payload: true,
        params: { hnsw_ef: Math.max(hnswEf, k) },
      });
      return response.points.map((point): MemoryHit => ({
        record: toRecord(point.payload),
        score: point.score,
      }));
    },

    async get(id) {
      await ensureCollection();
      const [point] = await client.retrieve(collection, { ids: [pointIdFor(id)], with_payload: true });
      return point ? toRecord(point.payload) : null;
    },

    async delete(ids) {
      if (ids.length === 0) return 0;
      await ensureCollection();
      const pointIds = [...new Set(ids)].map(pointIdFor);
      const existing = await client.retrieve(collection, { ids: pointIds, with_payload: false });
      if (existing.length === 0) return 0;
      await client.delete(collection, { wait: true, points: existing.map((point) => point.id) });
      return existing.length;
    },

    async count() {
      await ensureCollection();
      return (await client.count(collection, { exact: true })).count;
    },
  };
}

export function toQdrantFilter(embedderId: string, filter: MemoryFilter): Schemas['Filter'] {
  const must: Schemas['Condition'][] = [{ key: 'embedder', match: { value: embedderId } }];
  // Qdrant's schema declares `any` lists unique (uniqueItems): a repeated ticker is sent once.
  if (filter.kinds) must.push({ key: 'kind', match: { any: [...new Set(filter.kinds)] } });
  if (filter.tickers) must.push({ key: 'tickers', match: { any: [...new Set(filter.tickers)] } });
  if (filter.fromDate || filter.toDate) {
    must.push({
      key: 'dateKey',
      range: {
        ...(filter.fromDate ? { gte: dateKey(filter.fromDate) } : {}),
        ...(filter.toDate ? { lte: dateKey(filter.toDate) } : {}),
      },
    });
  }
  if (filter.threadId) must.push({ key: 'thread', match: { value: filter.threadId } });
  return { must };
}

function dateKey(date: string): number {
  return Number(date.replaceAll('-', ''));
}

function toRecord(payload: Record<string, unknown> | null | undefined): MemoryRecord {
  const p = payload ?? {};
  const text = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : null);
  const id = text('memoryId');
  const createdAt = text('createdAt');
  if (id === null || createdAt === null)
    throw new MemoryStoreError('a Qdrant point without a memory payload');
  return {
    id,
    kind: text('kind') as MemoryKind,
    content: text('content') ?? '',
    date: text('date') ?? '',
    tickers: Array.isArray(p['tickers']) ? p['tickers'].map(String) : [],
    threadId: text('thread'),
    source: text('source'),
    createdAt: new Date(createdAt),
  };
}

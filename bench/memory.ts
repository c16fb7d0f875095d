/**
 * Memory search on the embedded default: 20,000 synthetic Korean/English memories in pgvector on PGlite,
 * embedded by the local hashed n-gram embedder. Prints search p95 against 20 ms and recall@5 of the HNSW
 * search against exact (brute-force) search over the same vectors, against 0.95.
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { drizzle } from 'drizzle-orm/pglite';
import { pathToFileURL } from 'node:url';
import { FakeClock } from '../src/adapters/clock/fake';
import { createLocalEmbedder, embedLocally } from '../src/adapters/llm/local-embedder';
import { createPgVectorMemoryStore, DEFAULT_EF_SEARCH } from '../src/adapters/memory/pgvector';
import type { MemoryKind, MemoryStore, NewMemory } from '../src/domain/ports/memory';
import { HNSW_INDEX_SQL, MEMORIES_TABLE_SQL } from '../test/integration/memory/memories-table';

const MEMORIES = 20_000;
const QUERIES = 200;
const WARM_UP_QUERIES = 20;
const K = 5;
const UPSERT_BATCH = 1_000;
const TARGET_P95_MS = 20;
const TARGET_RECALL = 0.95;
const EF_SEARCH_VALUES = [40, 64, DEFAULT_EF_SEARCH];

const NAMES = [
  'KODEX 200',
  'TIGER 200',
  'KODEX 반도체',
  'TIGER 미국S&P500',
  'KODEX 골드선물(H)',
  'KOSEF 국고채10년',
  'TIGER 미국나스닥100',
  'KODEX 인버스',
];
const TICKERS = ['069500', '102110', '091160', '360750', '132030', '148070', '133690', '114800'];
const TOPICS_KO = [
  '금리 인하 기대',
  '반도체 수출 호조',
  '환율 급등',
  '외국인 순매도',
  '실적 시즌',
  '유가 하락',
  '달러 강세',
  '변동성 확대',
  '배당 기준일',
  '리밸런싱',
];
const TOPICS_EN = [
  'rate cut hopes',
  'chip exports',
  'won weakness',
  'foreign selling',
  'earnings season',
  'oil slump',
  'strong dollar',
  'volatility spike',
  'dividend date',
  'rebalancing',
];
const ACTIONS_KO = ['비중 확대', '비중 축소', '보유 유지', '일부 매도', '분할 매수', '관망'];
const ACTIONS_EN = ['overweight', 'underweight', 'hold', 'trim', 'buy in steps', 'wait'];
const KINDS: MemoryKind[] = ['briefing', 'news', 'session_summary', 'note'];

/** mulberry32: the same corpus on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function syntheticText(random: () => number, serial: number): { text: string; ticker: string; date: string } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const i = Math.floor(random() * NAMES.length);
  const day = 1 + Math.floor(random() * 28);
  const month = 1 + Math.floor(random() * 12);
  const date = `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const quantity = 1 + Math.floor(random() * 40);
  const price = 5_000 + Math.floor(random() * 80) * 500;
  const text =
    random() < 0.6
      ? `${month}월 ${day}일 ${pick(TOPICS_KO)} 속에 ${NAMES[i]} ${pick(ACTIONS_KO)}, ${quantity}주 ${price}원 검토. ${pick(TOPICS_KO)} 주시 (#${serial})`
      : `${date}: ${NAMES[i]} ${pick(ACTIONS_EN)} on ${pick(TOPICS_EN)}; ${quantity} shares near ${price} won, watch ${pick(TOPICS_EN)} (#${serial})`;
  return { text, ticker: TICKERS[i]!, date };
}

function exactTopK(query: Float32Array, vectors: Float32Array[], k: number): number[] {
  const best: { index: number; score: number }[] = [];
  vectors.forEach((v, index) => {
    let dot = 0;
    for (let d = 0; d < v.length; d += 1) dot += v[d]! * query[d]!;
    if (best.length < k || dot > best[best.length - 1]!.score) {
      best.push({ index, score: dot });
      best.sort((a, b) => b.score - a.score);
      if (best.length > k) best.pop();
    }
  });
  return best.map((b) => b.index);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(
  store: MemoryStore,
  queries: string[],
  vectors: Float32Array[],
): Promise<{ p50: number; p95: number; recall: number }> {
  const latencies: number[] = [];
  let recalled = 0;
  for (const [i, query] of queries.entries()) {
    const started = performance.now();
    const hits = await store.search(query, { k: K });
    const elapsed = performance.now() - started;
    if (i < WARM_UP_QUERIES) continue;
    latencies.push(elapsed);
    const exact = new Set(
      exactTopK(Float32Array.from(embedLocally(query)), vectors, K).map((index) => `m${index}`),
    );
    recalled += hits.filter((hit) => exact.has(hit.record.id)).length;
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    recall: recalled / (latencies.length * K),
  };
}

/** Loads the corpus, then prints p95 search latency and recall@5 as ratios to their targets, per ef_search. */
export async function runMemoryBench(): Promise<void> {
  const client = await PGlite.create({ extensions: { vector } });
  try {
    await client.exec(MEMORIES_TABLE_SQL);
    const db = drizzle(client);
    const clock = new FakeClock('2025-12-31T00:00:00Z');
    const storeWith = (efSearch: number) =>
      createPgVectorMemoryStore({ db, embedder: createLocalEmbedder(), clock, efSearch });

    const random = seededRandom(20_250_303);
    const memories: NewMemory[] = [];
    for (let serial = 0; serial < MEMORIES; serial += 1) {
      const { text, ticker, date } = syntheticText(random, serial);
      memories.push({
        id: `m${serial}`,
        kind: KINDS[serial % KINDS.length]!,
        content: text,
        date,
        tickers: [ticker],
        threadId: null,
        source: null,
      });
    }
    // Bulk load the usual way: without the HNSW index, then build it once (about 3× faster than 20k index inserts).
    await client.exec('DROP INDEX memories_embedding_hnsw_idx');
    const loadStarted = performance.now();
    const loader = storeWith(DEFAULT_EF_SEARCH);
    for (let start = 0; start < memories.length; start += UPSERT_BATCH) {
      await loader.upsert(memories.slice(start, start + UPSERT_BATCH));
    }
    const loadSeconds = (performance.now() - loadStarted) / 1_000;
    const indexStarted = performance.now();
    await client.exec(`SET maintenance_work_mem = '512MB'; ${HNSW_INDEX_SQL}; ANALYZE memories;`);
    const indexSeconds = (performance.now() - indexStarted) / 1_000;
    console.log(
      `memory: pgvector on PGlite, ${MEMORIES.toLocaleString('en-US')} synthetic memories (local embedder) ` +
        `loaded in ${loadSeconds.toFixed(1)} s, HNSW index built in ${indexSeconds.toFixed(1)} s`,
    );

    const vectors = memories.map((m) => Float32Array.from(embedLocally(m.content)));
    const queries = Array.from(
      { length: WARM_UP_QUERIES + QUERIES },
      (_, i) => syntheticText(random, MEMORIES + i).text,
    );
    for (const efSearch of EF_SEARCH_VALUES) {
      const { p50, p95, recall } = await measure(storeWith(efSearch), queries, vectors);
      const marker = efSearch === DEFAULT_EF_SEARCH ? ' (adapter default)' : '';
      console.log(
        `  ef_search ${efSearch}${marker}: search p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${QUERIES} queries, ` +
          `${(p95 / TARGET_P95_MS).toFixed(2)}× the ${TARGET_P95_MS} ms limit; recall@${K} ${recall.toFixed(3)} vs exact search, ` +
          `${(recall / TARGET_RECALL).toFixed(2)}× the ${TARGET_RECALL} target`,
      );
    }
  } finally {
    await client.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runMemoryBench();
}

/**
 * What every MemoryStore promises, run against each implementation (pgvector on PGlite, Qdrant when configured).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import { createLocalEmbedder } from '../../../src/adapters/llm/local-embedder';
import type { Clock } from '../../../src/domain/clock';
import type { Embedder } from '../../../src/domain/ports/llm';
import type { MemoryStore, NewMemory } from '../../../src/domain/ports/memory';

export interface MemoryStoreHarness {
  create(deps: { embedder: Embedder; clock: Clock }): MemoryStore;
  /** Removes every stored memory. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const START = '2025-03-03T00:00:00.000Z';

function memory(overrides: Partial<NewMemory> & Pick<NewMemory, 'id' | 'content'>): NewMemory {
  return { kind: 'note', date: '2025-03-03', tickers: [], threadId: null, source: null, ...overrides };
}

const corpus: NewMemory[] = [
  memory({
    id: 'b-0303',
    kind: 'briefing',
    date: '2025-03-03',
    tickers: ['069500'],
    content: '3월 3일 아침 브리핑: KODEX 200 비중 유지, 반도체 약세',
  }),
  memory({
    id: 'b-0310',
    kind: 'briefing',
    date: '2025-03-10',
    tickers: ['069500', '360750'],
    content: '3월 10일 아침 브리핑: 미국 S&P500 편입, KODEX 200 일부 매도',
  }),
  memory({
    id: 'n-chip',
    kind: 'news',
    date: '2025-03-05',
    tickers: ['091160'],
    source: 'https://news.example/chips',
    content: '반도체 수출 급증, 메모리 가격 반등',
  }),
  memory({
    id: 's-t1',
    kind: 'session_summary',
    date: '2025-03-06',
    threadId: 'thread-1',
    tickers: ['069500'],
    content: 'thread summary: user asked to buy 3 shares of KODEX 200 at market',
  }),
  memory({
    id: 's-t2',
    kind: 'session_summary',
    date: '2025-03-07',
    threadId: 'thread-2',
    content: 'thread summary: user asked about the gold ETF and dollar hedging',
  }),
  memory({
    id: 'note-1',
    kind: 'note',
    date: '2025-03-08',
    content: 'Rebalance on the first trading day of the month.',
  }),
];

export function describeMemoryStoreContract(name: string, open: () => Promise<MemoryStoreHarness>): void {
  describe(`MemoryStore contract: ${name}`, () => {
    let harness: MemoryStoreHarness;
    let clock: FakeClock;
    let store: MemoryStore;

    beforeAll(async () => {
      harness = await open();
    });

    afterAll(async () => {
      await harness?.close();
    });

    beforeEach(async () => {
      await harness.reset();
      clock = new FakeClock(START);
      store = harness.create({ embedder: createLocalEmbedder(), clock });
    });

    it('when records are upserted then get returns each field as stored and count counts them', async () => {
      // Arrange
      const createdAt = new Date('2025-03-05T01:02:03.456Z');

      // Act
      await store.upsert([...corpus.slice(0, 2), { ...corpus[2]!, createdAt }]);

      // Assert
      expect(await store.count()).toBe(3);
      expect(await store.get('n-chip')).toEqual({ ...corpus[2], createdAt });
      expect(await store.get('b-0310')).toEqual({ ...corpus[1], createdAt: new Date(START) });
      expect(await store.get('missing')).toBeNull();
    });

    it('when the same id is upserted again then it is replaced, not duplicated, and keeps its createdAt', async () => {
      // Arrange
      await store.upsert([corpus[0]!]);
      clock.advance(60_000);

      // Act
      await store.upsert([{ ...corpus[0]!, content: '수정된 브리핑: 현금 비중 확대', tickers: ['114260'] }]);
      await store.upsert([{ ...corpus[0]!, content: '수정된 브리핑: 현금 비중 확대', tickers: ['114260'] }]);

      // Assert
      expect(await store.count()).toBe(1);
      expect(await store.get('b-0303')).toMatchObject({
        content: '수정된 브리핑: 현금 비중 확대',
        tickers: ['114260'],
        createdAt: new Date(START),
      });
      const [hit] = await store.search('현금 비중 확대', { k: 1 });
      expect(hit?.record.id).toBe('b-0303');
    });

    it('when searching then the closest text ranks first with the highest cosine score', async () => {
      // Arrange
      await store.upsert(corpus);

      // Act
      const hits = await store.search('반도체 수출 급증', { k: 3 });

      // Assert
      expect(hits).toHaveLength(3);
      expect(hits[0]?.record.id).toBe('n-chip');
      expect(hits[0]?.record.source).toBe('https://news.example/chips');
      expect(hits[0]!.score).toBeGreaterThan(0.5);
      expect(hits[0]!.score).toBeLessThanOrEqual(1.0001);
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    });

    it('when filtering by kind then only those kinds come back', async () => {
      // Arrange
      await store.upsert(corpus);

      // Act
      const hits = await store.search('KODEX 200', { k: 10, filter: { kinds: ['briefing', 'news'] } });

      // Assert
      expect(hits.map((h) => h.record.id).sort()).toEqual(['b-0303', 'b-0310', 'n-chip']);
    });

    it('when filtering by tickers then records mentioning any of them come back', async () => {
      // Arrange
      await store.upsert(corpus);

      // Act
      const hits = await store.search('브리핑', { k: 10, filter: { tickers: ['360750', '091160'] } });

      // Assert
      expect(hits.map((h) => h.record.id).sort()).toEqual(['b-0310', 'n-chip']);
    });

    it('when a filter names the same ticker or kind twice then it matches as if named once', async () => {
      // Arrange
      await store.upsert(corpus);

      // Act
      const hits = await store.search('브리핑', {
        k: 10,
        filter: { tickers: ['360750', '360750'], kinds: ['briefing', 'briefing'] },
      });

      // Assert
      expect(hits.map((h) => h.record.id)).toEqual(['b-0310']);
    });

    it('when filtering by a date range then both ends are included', async () => {
      // Arrange
      await store.upsert(corpus);

      // Act
      const hits = await store.search('summary', {
        k: 10,
        filter: { fromDate: '2025-03-05', toDate: '2025-03-07' },
      });

      // Assert
      expect(hits.map((h) => h.record.id).sort()).toEqual(['n-chip', 's-t1', 's-t2']);
    });

    it('when filtering by thread and kind together then only that thread comes back', async () => {
      // Arrange
      await store.upsert(corpus);

      // Act
      const hits = await store.search('gold ETF', {
        k: 5,
        filter: { threadId: 'thread-1', kinds: ['session_summary'] },
      });

      // Assert
      expect(hits.map((h) => h.record.id)).toEqual(['s-t1']);
    });

    it('when records were embedded by another embedder then search does not compare against them', async () => {
      // Arrange
      await store.upsert(corpus);
      const other: Embedder = { ...createLocalEmbedder(), id: 'other-embedder' };
      const otherStore = harness.create({ embedder: other, clock });
      await otherStore.upsert([memory({ id: 'other-1', content: '반도체 수출 급증' })]);

      // Act
      const hits = await store.search('반도체 수출 급증', { k: 10 });
      const otherHits = await otherStore.search('반도체 수출 급증', { k: 10 });

      // Assert
      expect(hits.map((h) => h.record.id)).not.toContain('other-1');
      expect(otherHits.map((h) => h.record.id)).toEqual(['other-1']);
      expect(await store.count()).toBe(corpus.length + 1);
    });

    it('when ids are deleted then only the existing ones are counted and they are gone', async () => {
      // Arrange
      await store.upsert(corpus);

      // Act
      const deleted = await store.delete(['b-0303', 'n-chip', 'never-stored']);

      // Assert
      expect(deleted).toBe(2);
      expect(await store.count()).toBe(corpus.length - 2);
      expect(await store.get('b-0303')).toBeNull();
      const hits = await store.search('반도체 수출 급증', { k: 10 });
      expect(hits.map((h) => h.record.id)).not.toContain('n-chip');
    });

    it('when a record is invalid then nothing is stored and the error names the problem', async () => {
      // Arrange
      const bad = [corpus[0]!, memory({ id: 'bad', content: 'x', date: '03/03/2025' })];

      // Act
      const error = await store.upsert(bad).then(
        () => null,
        (e: unknown) => e as Error,
      );

      // Assert
      expect(error?.message).toMatch(/date/);
      expect(await store.count()).toBe(0);
    });
  });
}

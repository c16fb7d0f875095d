import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { Database } from '../../../src/adapters/db/client';
import { composeDesk, type DeskRuntime } from '../../../src/compose';
import { loadConfig } from '../../../src/config';
import { kstInstant } from '../../../src/domain/market';
import { startFakeQdrant, type FakeQdrant } from '../../support/fake-qdrant';
import { openMigratedPglite } from '../../support/pglite-image';

describe('a desk configured with QDRANT_URL', () => {
  let fake: FakeQdrant;
  let database: Database;
  let runtime: DeskRuntime;

  beforeAll(async () => {
    fake = await startFakeQdrant({ apiKey: 'desk-key' });
    database = await openMigratedPglite();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      QDRANT_URL: fake.url,
      QDRANT_API_KEY: 'desk-key',
      QDRANT_COLLECTION: 'desk_memories',
    });
    runtime = await composeDesk(config, {
      clock: new FakeClock(kstInstant('2026-12-01', 10, 0)),
      database,
      simulator: {
        rateLimitPerSecond: { real: 200, paper: 200 },
        tokenIssueIntervalMs: 0,
        pingIntervalMs: 3_600_000,
      },
    });
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    await database?.close();
    await fake?.close();
  });

  it('when the desk stores and searches a memory then it goes to that Qdrant collection, with the key', async () => {
    // Act
    await runtime.memory.upsert([
      {
        id: 'note-1',
        kind: 'note',
        content: '리밸런싱은 매월 첫 거래일',
        date: '2026-12-01',
        tickers: [],
        threadId: null,
        source: null,
      },
    ]);
    const hits = await runtime.memory.search('리밸런싱', { k: 1 });

    // Assert
    expect(hits.map((h) => h.record.id)).toEqual(['note-1']);
    expect(fake.collections.get('desk_memories')?.points.size).toBe(1);
    expect(fake.requests.filter((r) => r.status !== 200)).toEqual([]);
  });
});

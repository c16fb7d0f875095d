import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../src/adapters/db/client';
import * as s from '../../../src/adapters/db/schema';
import { testDatabaseTargets } from '../../support/db';

const unitVector = (hot: number): number[] => Array.from({ length: 512 }, (_, i) => (i === hot ? 1 : 0));

describe.each(testDatabaseTargets())('database schema on $name', (target) => {
  let database: Database;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('writes and reads every table', async () => {
    const { db } = database;
    const at = new Date('2026-11-23T00:00:00Z');
    const [session] = await db
      .insert(s.sessions)
      .values({ threadKey: 'discord:1', channel: 'discord', ownerUserId: 'u1', title: 'KODEX 200?' })
      .returning();
    await db
      .insert(s.sessionMessages)
      .values({ sessionId: session!.id, seq: 1, role: 'user', content: '잔고 알려줘' });
    const [intent] = await db
      .insert(s.orderIntents)
      .values({
        source: 'chat',
        proposer: 'u1',
        sessionId: session!.id,
        ticker: '069500',
        side: 'BUY',
        quantity: 3,
        orderType: 'LIMIT',
        limitPrice: 35_980,
        rationale: 'test',
        precheck: { outcome: 'ALLOW' },
        status: 'AWAITING_APPROVAL',
        environment: 'paper',
        expiresAt: at,
        idempotencyKey: 'chat:1',
      })
      .returning();
    const [order] = await db
      .insert(s.orders)
      .values({
        intentId: intent!.id,
        environment: 'paper',
        ticker: '069500',
        side: 'BUY',
        quantity: 3,
        orderType: 'LIMIT',
        limitPrice: 35_980,
        status: 'PENDING_SUBMIT',
      })
      .returning();
    await db
      .insert(s.orderEvents)
      .values({ orderId: order!.id, intentId: intent!.id, type: 'ORDER_CREATED', actor: 'test', at });
    await db.insert(s.fills).values({
      orderId: order!.id,
      cumulativeQuantity: 3,
      ticker: '069500',
      side: 'BUY',
      quantity: 3,
      price: 35_980,
      amount: 107_940,
      fee: 15,
      source: 'websocket',
      filledAt: at,
    });
    await db.insert(s.positions).values({ ticker: '069500', quantity: 3, costBasis: 107_955 });
    await db.insert(s.accountBook).values({ id: 'main', cash: 892_045 });
    await db.insert(s.navSnapshots).values({
      tradeDate: '2026-11-23',
      kind: 'close',
      nav: 1_000_000,
      cash: 892_045,
      securitiesValue: 107_955,
      positions: [],
      takenAt: at,
    });
    const [run] = await db
      .insert(s.dailyRuns)
      .values({ tradeDate: '2026-11-23', status: 'RUNNING', trigger: 'schedule', startedAt: at })
      .returning();
    await db.insert(s.dailyRunSteps).values({ runId: run!.id, step: 'news', status: 'DONE', attempts: 1 });
    await db.insert(s.tradingStateChanges).values({ state: 'HALTED', reason: 'boot', actor: 'system', at });
    await db.insert(s.newsItems).values({
      url: 'https://example.com/a',
      title: 't',
      source: 'example',
      summary: 's',
      tickers: ['069500'],
      fetchedAt: at,
    });
    await db.insert(s.llmUsage).values({
      purpose: 'turn',
      model: 'offline',
      inputTokens: 10,
      outputTokens: 5,
      costMicroUsd: 0,
      tradeDate: '2026-11-23',
      at,
    });
    await db
      .insert(s.kisTokenCache)
      .values({ keyId: 'k1', ciphertext: 'v1:abc', expiresAt: at, issuedAt: at });
    await db
      .insert(s.alerts)
      .values({ kind: 'NAV_FLOOR', severity: 'warning', message: 'm', at, dedupeKey: 'nav:2026-11-23' });
    await db.insert(s.publications).values({ key: 'daily-run:1:briefing', channel: 'discord', at });

    const counts = await Promise.all(
      [
        s.sessions,
        s.sessionMessages,
        s.orderIntents,
        s.orders,
        s.orderEvents,
        s.fills,
        s.positions,
        s.accountBook,
        s.navSnapshots,
        s.dailyRuns,
        s.dailyRunSteps,
        s.tradingStateChanges,
        s.newsItems,
        s.llmUsage,
        s.kisTokenCache,
        s.alerts,
        s.publications,
      ].map(async (table) => (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n),
    );
    expect(counts).toEqual(Array(17).fill(1));
    const [readBack] = await db.select().from(s.orders).where(eq(s.orders.id, order!.id));
    expect(readBack).toMatchObject({ limitPrice: 35_980, quantity: 3, filledAmount: 0 });
    expect(typeof readBack!.limitPrice).toBe('number');
    const [news] = await db.select().from(s.newsItems);
    expect(news!.tickers).toEqual(['069500']);
  });

  it('when the same intent gets a second order then the unique constraint refuses it', async () => {
    const { db } = database;
    const [intent] = await db.select().from(s.orderIntents).limit(1);
    await expect(
      db.insert(s.orders).values({
        intentId: intent!.id,
        environment: 'paper',
        ticker: '069500',
        side: 'BUY',
        quantity: 3,
        orderType: 'LIMIT',
        status: 'PENDING_SUBMIT',
      }),
    ).rejects.toThrow();
  });

  it('when a second daily run is created for the same trade date then it is refused', async () => {
    await expect(
      database.db
        .insert(s.dailyRuns)
        .values({ tradeDate: '2026-11-23', status: 'RUNNING', trigger: 'manual', startedAt: new Date() }),
    ).rejects.toThrow();
  });

  it('when an audit event is updated or deleted then the database refuses', async () => {
    const { db } = database;
    await expect(db.update(s.orderEvents).set({ type: 'TAMPERED' })).rejects.toThrow();
    await expect(db.delete(s.orderEvents)).rejects.toThrow();
    await expect(db.delete(s.tradingStateChanges)).rejects.toThrow();
    expect((await db.select().from(s.orderEvents))[0]!.type).toBe('ORDER_CREATED');
  });

  it.runIf(target.name === 'pglite')('answers a vector similarity query on memories', async () => {
    const { db } = database;
    expect(database.vectorAvailable).toBe(true);
    await db.insert(s.memories).values([
      {
        id: 'm1',
        kind: 'note',
        content: 'a',
        date: '2026-11-20',
        embedder: 'test',
        embedding: unitVector(1),
      },
      {
        id: 'm2',
        kind: 'note',
        content: 'b',
        date: '2026-11-21',
        embedder: 'test',
        embedding: unitVector(2),
      },
    ]);
    const query = JSON.stringify(unitVector(2));
    const rows = await db.execute<{ id: string; score: number }>(
      sql`select id, 1 - (embedding <=> ${query}::vector) as score from memories order by embedding <=> ${query}::vector limit 1`,
    );
    const list = (rows as unknown as { rows: { id: string }[] }).rows;
    expect(list[0]!.id).toBe('m2');
  });
});

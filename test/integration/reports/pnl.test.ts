/**
 * /pnl from seeded fills and closing NAV snapshots against hand-computed numbers (November 2026 and one day).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTradingCalendar } from '../../../src/adapters/calendar/load';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { Database } from '../../../src/adapters/db/client';
import { createDbFillsReader } from '../../../src/adapters/db/fills-reader';
import * as s from '../../../src/adapters/db/schema';
import { createDbTradingStore } from '../../../src/adapters/db/trading-store';
import { PnlService } from '../../../src/app/reports/pnl';
import { pnlPlain, pnlText } from '../../../src/app/reports/pnl-text';
import { testDatabaseTargets, truncateAll } from '../../support/db';

const kst = (date: string, time: string) => new Date(`${date}T${time}:00+09:00`);
const KODEX200: Record<string, number> = { '2026-10-30': 30_000, '2026-11-26': 32_000, '2026-11-27': 32_500 };

describe.each(testDatabaseTargets())('P&L reports on $name', (target) => {
  let database: Database;
  let clock: FakeClock;
  let service: PnlService;
  let benchmarkCalls: string[];

  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    clock = new FakeClock(kst('2026-11-27', '18:00'));
    benchmarkCalls = [];
    service = new PnlService({
      snapshots: createDbTradingStore(database.db),
      fills: createDbFillsReader(database.db),
      closes: {
        async closes(ticker, from, to) {
          benchmarkCalls.push(`${ticker} ${from}..${to}`);
          return new Map(
            Object.entries(ticker === '069500' ? KODEX200 : {}).filter(([d]) => d >= from && d <= to),
          );
        },
      },
      clock,
      calendar: loadTradingCalendar(),
    });
  });

  async function snapshot(
    tradeDate: string,
    cash: number,
    positions: [string, number, number][],
  ): Promise<void> {
    const list = positions.map(([ticker, quantity, price]) => ({
      ticker,
      quantity,
      price,
      value: quantity * price,
    }));
    const securitiesValue = list.reduce((sum, p) => sum + p.value, 0);
    await createDbTradingStore(database.db).saveNavSnapshot({
      tradeDate,
      kind: 'close',
      nav: cash + securitiesValue,
      cash,
      securitiesValue,
      positions: list,
      takenAt: kst(tradeDate, '15:45'),
    });
  }

  async function fill(
    at: Date,
    ticker: string,
    side: 'BUY' | 'SELL',
    quantity: number,
    price: number,
    fee: number,
    tax = 0,
  ) {
    const [intent] = await database.db
      .insert(s.orderIntents)
      .values({
        source: 'chat',
        proposer: 'u',
        ticker,
        side,
        quantity,
        orderType: 'LIMIT',
        limitPrice: price,
        rationale: 'seed',
        precheck: {},
        status: 'SUBMITTED',
        environment: 'paper',
        expiresAt: at,
      })
      .returning();
    const [order] = await database.db
      .insert(s.orders)
      .values({
        intentId: intent!.id,
        environment: 'paper',
        ticker,
        side,
        quantity,
        orderType: 'LIMIT',
        limitPrice: price,
        status: 'FILLED',
        filledQuantity: quantity,
        filledAmount: quantity * price,
        fees: fee,
      })
      .returning();
    await database.db.insert(s.fills).values({
      orderId: order!.id,
      cumulativeQuantity: quantity,
      ticker,
      side,
      quantity,
      price,
      amount: quantity * price,
      fee,
      tax,
      source: 'inquiry',
      filledAt: at,
    });
  }

  async function seedNovember(): Promise<void> {
    // Base: the close of 2026-10-30: 700,000 cash + 10 × 069500 at 30,000 = NAV 1,000,000.
    await snapshot('2026-10-30', 700_000, [['069500', 10, 30_000]]);
    await fill(kst('2026-10-30', '10:00'), '069500', 'BUY', 1, 29_900, 4); // before the base close: not November's
    await fill(kst('2026-11-03', '09:30'), '360750', 'BUY', 5, 20_000, 15);
    await fill(kst('2026-11-10', '10:15'), '069500', 'SELL', 4, 31_000, 19, 50);
    // 2026-11-26 close: cash 700,000 − 100,015 + 124,000 − 69 = 723,916; 6 × 32,000 + 5 × 20,500.
    await snapshot('2026-11-26', 723_916, [
      ['069500', 6, 32_000],
      ['360750', 5, 20_500],
    ]);
    await fill(kst('2026-11-27', '09:05'), '069500', 'BUY', 2, 32_000, 10);
    // 2026-11-27 close: cash 723,916 − 64,010 = 659,906; 8 × 32,500 + 5 × 20,600 = 363,000; NAV 1,022,906.
    await snapshot('2026-11-27', 659_906, [
      ['069500', 8, 32_500],
      ['360750', 5, 20_600],
    ]);
  }

  it('the month of November matches the hand computation', async () => {
    await seedNovember();
    const result = await service.report({ period: 'month' });
    // Books from the base mark: 069500 10 sh cost 300,000.
    //  BUY 360750 5 → cost 100,000 + 15 = 100,015
    //  SELL 069500 4 → cost sold 300,000 × 4/10 = 120,000; realised 124,000 − 19 − 50 − 120,000 = 3,931
    //  BUY 069500 2 → 6 sh cost 180,000 + 64,000 + 10 = 244,010 for 8 sh
    // Unrealised: (260,000 − 244,010) + (103,000 − 100,015) = 15,990 + 2,985 = 18,975
    // Total: 1,022,906 − 1,000,000 = 22,906 = 3,931 + 18,975; 22,906 / 1,000,000 = 2.29 %
    // KODEX 200 30,000 → 32,500: +8.33 %; 1,000,000 × 2,500 / 30,000 = 83,333; excess 22,906 − 83,333 = −60,427
    expect(result).toEqual({
      status: 'ok',
      period: { kind: 'month', from: '2026-11-01', to: '2026-11-27', label: '2026-11' },
      baseDate: '2026-10-30',
      baseKind: 'close',
      endDate: '2026-11-27',
      figures: {
        navStart: 1_000_000,
        navEnd: 1_022_906,
        total: 22_906,
        realized: 3_931,
        unrealized: 18_975,
        other: 0,
        fees: 44,
        taxes: 50,
        buys: 2,
        sells: 1,
        returnBp: 229,
        benchmark: { returnBp: 833, krw: 83_333, excess: -60_427 },
      },
    });
    const ko = pnlPlain(pnlText(result, 'ko'));
    expect(ko).toContain('손익 · 2026-11 (2026-10-30 종가 → 2026-11-27 종가)');
    expect(ko).toContain('평가금액 1,000,000원 → 1,022,906원 (+22,906원, +2.29%)');
    expect(ko).toContain('실현손익 +3,931원 · 평가손익 +18,975원');
    expect(ko).toContain('수수료 44원 · 세금 50원');
    expect(ko).toContain('KODEX 200(069500) +8.33%: 같은 금액이면 +83,333원 → 초과 -60,427원');
    expect(pnlPlain(pnlText(result, 'en'))).toContain('realised +₩3,931 · unrealised +₩18,975');
  });

  it('the last day matches the hand computation', async () => {
    await seedNovember();
    const result = await service.report({ period: null });
    // Base 11-26 close NAV 1,018,416 (723,916 + 192,000 + 102,500); books 069500 6 sh 192,000, 360750 5 sh 102,500.
    //  BUY 069500 2 → 8 sh cost 256,010. Unrealised (260,000 − 256,010) + (103,000 − 102,500) = 4,490
    // Total 1,022,906 − 1,018,416 = 4,490; 4,490 / 1,018,416 = 0.44 %
    // KODEX 200 32,000 → 32,500: +1.56 %; 1,018,416 × 500 / 32,000 = 15,912.75 → 15,913; excess −11,423
    expect(result.status === 'ok' && [result.baseDate, result.endDate, result.figures]).toEqual([
      '2026-11-26',
      '2026-11-27',
      {
        navStart: 1_018_416,
        navEnd: 1_022_906,
        total: 4_490,
        realized: 0,
        unrealized: 4_490,
        other: 0,
        fees: 10,
        taxes: 0,
        buys: 1,
        sells: 0,
        returnBp: 44,
        benchmark: { returnBp: 156, krw: 15_913, excess: -11_423 },
      },
    ]);
  });

  it('a deposit the fills do not explain shows as other', async () => {
    await snapshot('2026-11-26', 500_000, []);
    await snapshot('2026-11-27', 600_000, []);
    const result = await service.report({ period: 'day' });
    expect(result.status === 'ok' && result.figures).toMatchObject({
      total: 100_000,
      realized: 0,
      unrealized: 0,
      other: 100_000,
    });
  });

  it('bad input: a bad period or a period with no data gets one message and nothing changes', async () => {
    const empty = await service.report({ period: 'week' });
    expect(pnlText(empty, 'ko')).toBe(
      '2026-11-23..2026-11-27 기간의 종가 기록(NAV 스냅샷)이 없습니다. 장 마감 후 스냅샷이 쌓이면 볼 수 있습니다.',
    );
    expect(await service.report({ period: 'fortnight' })).toEqual({
      status: 'bad-period',
      input: 'fortnight',
    });
    expect(await service.report({ period: 'all' })).toEqual({ status: 'bad-period', input: 'all' });
    expect(pnlText(await service.report({ period: 'x' }), 'en')).toBe(
      '"x" is not a period. Use one of day · week · month · year (default: day).',
    );
    const rows = await database.db.execute(sql`select count(*)::int as n from nav_snapshots`);
    const list = rows as unknown as { rows?: { n: number }[] } & { n: number }[];
    expect((list.rows ?? list)[0]!.n).toBe(0);
    expect(benchmarkCalls).toEqual([]);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/client';
import { seedDeskMonth, SEED_NAV_FLOOR, type SeedSummary } from '../../support/dashboard-seed';
import { testDatabaseTargets } from '../../support/db';
import { rowsOf } from '../../support/sql-rows';

const num = (v: unknown) => Number(v);

describe.each(testDatabaseTargets())('dashboard views on $name', (target) => {
  let database: Database;
  let seed: SeedSummary;

  beforeAll(async () => {
    database = await target.open();
    seed = await seedDeskMonth(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('when a month is seeded then nav_daily has one row per trade date with the floor, peak and drawdown', async () => {
    const rows = await rowsOf(database, 'select * from dashboard.nav_daily order by trade_date');

    expect(rows).toHaveLength(seed.tradingDays);
    for (const r of rows) {
      expect(num(r.nav_floor)).toBe(SEED_NAV_FLOOR);
      expect(num(r.peak_nav)).toBeGreaterThanOrEqual(num(r.nav));
      expect(num(r.drawdown_pct)).toBeLessThanOrEqual(0);
    }
    expect(num(rows.at(-1)!.nav)).toBe(seed.lastNav);
    expect(rows.some((r) => num(r.drawdown_pct) < 0)).toBe(true);
  });

  it('when fills are replayed then realised P&L matches the domain average-cost rule, by fill, day and ETF', async () => {
    const [byFill] = await rowsOf(database, 'select sum(realised_pnl) as s from dashboard.fill_pnl');
    const [byDay] = await rowsOf(database, 'select sum(realised_pnl) as s from dashboard.pnl_daily');
    const [byMonth] = await rowsOf(database, 'select sum(realised_pnl) as s from dashboard.pnl_monthly');
    const [byEtf] = await rowsOf(database, 'select sum(realised_pnl) as s from dashboard.pnl_by_etf');

    expect(seed.realisedPnl).not.toBe(0);
    for (const r of [byFill, byDay, byMonth, byEtf]) expect(num(r!.s)).toBe(seed.realisedPnl);
  });

  it('when daily P&L is summed then it equals the NAV change over the month', async () => {
    const days = await rowsOf(database, 'select nav, pnl from dashboard.pnl_daily order by trade_date');
    const [month] = await rowsOf(database, 'select pnl, end_nav, trading_days from dashboard.pnl_monthly');

    const total = days.reduce((sum, d) => sum + num(d.pnl ?? 0), 0);
    expect(total).toBe(num(days.at(-1)!.nav) - num(days[0]!.nav));
    expect(num(month!.pnl)).toBe(total);
    expect(num(month!.end_nav)).toBe(seed.lastNav);
    expect(num(month!.trading_days)).toBe(seed.tradingDays);
  });

  it('when holdings are read then weights and unrealised P&L come from the last close', async () => {
    const holdings = await rowsOf(database, 'select * from dashboard.holdings order by ticker');
    const etf = await rowsOf(database, 'select * from dashboard.pnl_by_etf order by ticker');

    expect(holdings.map((h) => h.ticker)).toEqual(['069500', '360750']);
    for (const h of holdings) expect(num(h.market_value)).toBe(num(h.quantity) * num(h.price));
    const weights = holdings.reduce((sum, h) => sum + num(h.weight_pct), 0);
    expect(weights).toBeGreaterThan(0);
    expect(weights).toBeLessThan(100);
    for (const e of etf) expect(num(e.unrealised_pnl)).toBe(num(e.market_value) - num(e.cost_basis));
  });

  it('when orders are read then each carries its status history and fills', async () => {
    const orders = await rowsOf(database, 'select * from dashboard.orders order by time');

    expect(orders).toHaveLength(seed.orders);
    const unknown = orders.find((o) => String(o.status_history).includes('ORDER_UNKNOWN'));
    expect(unknown?.status_history).toBe(
      'INTENT_CREATED → INTENT_APPROVED → GUARD_ALLOWED → ORDER_UNKNOWN → ORDER_RECONCILED → ORDER_FILLED',
    );
    expect(orders.reduce((sum, o) => sum + num(o.fill_count), 0)).toBe(seed.fills);
    expect(orders.filter((o) => o.status === 'REJECTED').map((o) => o.reject_code)).toEqual(['APBK0952']);
  });

  it('when denials are grouped by code then the counts match what the guard recorded', async () => {
    const rows = await rowsOf(database, 'select code, count(*) as n from dashboard.guard_denials group by code');

    expect(Object.fromEntries(rows.map((r) => [r.code, num(r.n)]))).toEqual(seed.denialsByCode);
  });

  it('when cycle runs are read then the failed run shows its failed step and every run a duration', async () => {
    const runs = await rowsOf(database, 'select * from dashboard.cycle_runs order by trade_date');
    const steps = await rowsOf(database, 'select * from dashboard.cycle_steps');

    expect(runs).toHaveLength(seed.tradingDays);
    const failed = runs.filter((r) => r.status === 'FAILED');
    expect(failed.map((r) => String(r.trade_date instanceof Date ? r.trade_date.toISOString().slice(0, 10) : r.trade_date).slice(0, 10))).toEqual([
      seed.failedRunDate,
    ]);
    expect(num(failed[0]!.steps_failed)).toBe(1);
    expect(runs.every((r) => num(r.duration_s) > 0)).toBe(true);
    expect(steps.every((s) => num(s.duration_s) > 0)).toBe(true);
  });

  it('when KIS traffic and model usage are summed then EGW00201 and cost match the seed', async () => {
    const [kis] = await rowsOf(database, 'select sum(egw00201) as e, sum(requests) as n from dashboard.kis_requests');
    const [llm] = await rowsOf(database, 'select sum(cost_micro_usd) as c from dashboard.assistant_usage');

    expect(num(kis!.e)).toBe(seed.egw00201);
    expect(num(kis!.n)).toBeGreaterThan(seed.egw00201);
    expect(num(llm!.c)).toBe(seed.llmCostMicroUsd);
  });

  it('when the watch is read then the watchlist lists its conditions and the posted firings are there', async () => {
    const list = await rowsOf(database, 'select * from dashboard.watchlist order by ticker');
    const firings = await rowsOf(database, 'select * from dashboard.watch_firings order by time');

    expect(list.map((w) => [w.ticker, w.conditions])).toEqual([
      ['069500', 'buy_ma20_pullback, sell_stop_loss'],
      ['360750', 'sell_trailing_stop'],
    ]);
    expect(firings).toHaveLength(seed.watchFirings);
    expect(firings.map((f) => f.severity)).toEqual(['normal', 'high', 'normal']);
  });

  describe('the read-only role', () => {
    async function asReader(query: string): Promise<unknown> {
      return database.db.transaction(async (tx) => {
        await tx.execute(sql`set local role kis_desk_dashboard`);
        return tx.execute(sql.raw(query));
      });
    }

    it.each(['dashboard.nav_daily', 'dashboard.watchlist', 'dashboard.watch_firings'])('when it selects %s then it reads rows', async (view) => {
      const result = (await asReader(`select count(*) as n from ${view}`)) as unknown;
      const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;

      expect(num((rows[0] as { n: unknown }).n)).toBeGreaterThan(0);
    });

    it.each([
      'select * from orders',
      'select * from kis_token_cache',
      'select * from session_messages',
      'select * from watchlist',
      "insert into dashboard.fills (order_id) values ('00000000-0000-0000-0000-000000000000')",
      'delete from dashboard.order_events',
      'create table dashboard.x (a int)',
    ])('when it runs "%s" then permission is denied', async (query) => {
      const error = await asReader(query).then(
        () => null,
        (e: unknown) => e as Error & { cause?: Error },
      );

      expect(String(error?.cause?.message ?? error?.message)).toMatch(/permission denied/);
    });
  });
});

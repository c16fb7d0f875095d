/**
 * Item 7 of issue #11: the same price basis live and in the backtest. KIS's daily chart leaves ETF
 * distributions in the price under FID_ORG_ADJ_PRC 0 and 1 (docs/backtest/price-basis.md); the simulator,
 * given distributions, serves exactly that; the desk's market fetch adds them back before the signal. The
 * signal the live path computes must be the backtest's, on the shipped total-return series.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadTradingCalendar } from '../../../src/adapters/calendar/load';
import { fetchMarketData } from '../../../src/app/cycle/steps/market-fetch';
import { loadBacktestData } from '../../../src/backtest/load';
import { nearestTick } from '../../../src/domain/money';
import type { DailyBar } from '../../../src/domain/ports';
import { DEFAULT_STRATEGY_CONFIG } from '../../../src/domain/strategy/config';
import { computeMomentumSignals } from '../../../src/domain/strategy/signals';
import { loadDailyPrices } from '../../../src/adapters/prices/load';
import { RawKis } from '../sim/support';
import { startSimHarness, type SimHarness } from './support/sim-harness';

const CHART = '/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice';
const DIVIDEND = '/uapi/domestic-stock/v1/ksdinfo/dividend';
/** Quarterly distributions of about 0.5 % (069500) and 0.6 % (148070) inside the signal's 13 months. */
const DISTRIBUTIONS = [
  { ticker: '069500', exDate: '2025-04-29', amount: 170 },
  { ticker: '069500', exDate: '2025-07-30', amount: 220 },
  { ticker: '069500', exDate: '2025-10-29', amount: 280 },
  { ticker: '069500', exDate: '2026-01-29', amount: 360 },
  { ticker: '148070', exDate: '2025-04-29', amount: 690 },
  { ticker: '148070', exDate: '2026-01-29', amount: 650 },
];
const TRADE_DATE = '2026-03-10';
const config = DEFAULT_STRATEGY_CONFIG;
const tickers = [...config.universe, config.safeAsset];

let h: SimHarness;
afterEach(async () => {
  await h.close();
});

const asBars = (rows: [string, number, number, number, number, number][]): DailyBar[] =>
  rows.map(([date, open, high, low, close, volume]) => ({ date, open, high, low, close, volume }));

describe('price basis: the live signal is computed on the backtest’s basis', () => {
  it('when the simulator models distributions then both FID_ORG_ADJ_PRC values serve the printed prices, flag the ex-date 03 and the dividend TR lists them', async () => {
    // Arrange
    h = await startSimHarness({ universe: ['069500', '114260'], distributions: DISTRIBUTIONS });
    const kis = RawKis.for(h.sim, h.account('paper'));
    await kis.issueToken();
    const ask = (basis: string) =>
      kis.get<{ output2: Record<string, string>[] }>(CHART, 'FHKST03010100', {
        FID_COND_MRKT_DIV_CODE: 'J',
        FID_INPUT_ISCD: '069500',
        FID_INPUT_DATE_1: '20260126',
        FID_INPUT_DATE_2: '20260130',
        FID_PERIOD_DIV_CODE: 'D',
        FID_ORG_ADJ_PRC: basis,
      });

    // Act
    const adjusted = await ask('0');
    const original = await ask('1');
    const dividends = await kis.get<{ output1: Record<string, string>[] }>(DIVIDEND, 'HHKDB669102C0', {
      CTS: '',
      GB1: '0',
      F_DT: '20250101',
      T_DT: '20261231',
      SHT_CD: '069500',
      HIGH_GB: '',
    });

    // Assert
    expect(adjusted.body.output2).toEqual(original.body.output2);
    const flags = Object.fromEntries(adjusted.body.output2.map((r) => [r.stck_bsop_date, r.flng_cls_code]));
    expect(flags).toMatchObject({ '20260128': '00', '20260129': '03', '20260130': '00' });
    // The close before the last ex-date is the shipped (total-return) close plus the distribution.
    const shipped = loadDailyPrices('069500').find((r) => r.date === '2026-01-28')!.close;
    const printed = Number(adjusted.body.output2.find((r) => r.stck_bsop_date === '20260128')!.stck_clpr);
    expect(printed).toBe(nearestTick(shipped + 360, 'ETF'));
    expect(dividends.body.output1.map((r) => [r.record_date, r.per_sto_divi_amt])).toEqual([
      ['20250430', '170'],
      ['20250731', '220'],
      ['20251030', '280'],
      ['20260130', '360'],
    ]);
  });

  it('when the desk fetches its market data then every ticker’s momentum return and rank equal the backtest’s, and the unadjusted prints would not', async () => {
    // Arrange
    h = await startSimHarness({ universe: tickers, distributions: DISTRIBUTIONS });
    const broker = h.brokerFor('paper');
    const calendar = loadTradingCalendar();

    // Act
    const market = await fetchMarketData({
      broker,
      calendar,
      config,
      tradeDate: TRADE_DATE,
      lastAttempt: true,
    });
    const liveBars = Object.fromEntries(Object.entries(market.bars).map(([t, rows]) => [t, asBars(rows)]));
    const live = computeMomentumSignals({ date: TRADE_DATE, calendar, barsByTicker: liveBars, config });
    const data = loadBacktestData(tickers);
    const backtest = computeMomentumSignals({
      date: TRADE_DATE,
      calendar: data.calendar,
      barsByTicker: data.barsByTicker,
      config,
    });
    const printed = await broker.getDailyBars('069500', '2025-01-01', '2026-03-09');
    const unadjusted = computeMomentumSignals({
      date: TRADE_DATE,
      calendar,
      barsByTicker: { ...liveBars, '069500': printed },
      config,
    });

    // Assert
    expect(market.complete).toBe(true);
    // The default signal looks back 126 trading days: the October and January distributions fall inside.
    expect(market.priceBasis).toContainEqual({ ticker: '069500', basis: 'TOTAL_RETURN', distributions: 2 });
    expect(market.priceBasis).toContainEqual({ ticker: '148070', basis: 'TOTAL_RETURN', distributions: 1 });
    const roc = (s: typeof live, t: string) => s.risk.find((r) => r.ticker === t)?.roc ?? s.safe?.roc;
    for (const t of config.universe) expect(Math.abs(roc(live, t)! - roc(backtest, t)!)).toBeLessThan(0.001);
    expect(live.risk.map((r) => [r.ticker, r.rank])).toEqual(backtest.risk.map((r) => [r.ticker, r.rank]));
    expect(live.selected).toEqual(backtest.selected);
    // The printed series, had the desk ranked on it, is ≈ 1 pp weaker for 069500 over the same window.
    expect(roc(backtest, '069500')! - roc(unadjusted, '069500')!).toBeGreaterThan(0.005);
  });
});

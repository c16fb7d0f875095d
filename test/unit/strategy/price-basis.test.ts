import { describe, expect, it } from 'vitest';
import { TradingCalendar } from '../../../src/domain/market';
import type { DailyBar } from '../../../src/domain/ports';
import { exDateOf, toTotalReturnBars } from '../../../src/domain/strategy/price-basis';
import { skipMonthRateOfChange } from '../../../src/domain/strategy/indicators';
import { toPriceBasis } from '../../../src/sim/kis/market/price-basis';
import { makeBars } from './fixtures';

const bar = (date: string, close: number): DailyBar => ({
  date,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});

describe('price basis: distributions added back', () => {
  it('when a distribution goes ex then every earlier bar is scaled by (1 − d ÷ the close before it) and later bars are untouched', () => {
    const bars = [
      bar('2024-01-29', 10_000),
      bar('2024-01-30', 10_100),
      bar('2024-01-31', 9_900),
      bar('2024-02-01', 9_950),
    ];
    const adjusted = toTotalReturnBars(bars, [{ exDate: '2024-01-31', amount: 202 }]);

    // 1 − 202 / 10 100 = 0.98
    expect(adjusted.map((b) => b.close)).toEqual([9_800, 9_898, 9_900, 9_950]);
    // The day's own return across the ex-date is the total return: (9 900) / (10 100 − 202) − 1 ≈ +0.02 %.
    expect(adjusted[2]!.close / adjusted[1]!.close).toBeCloseTo(9_900 / 9_898, 10);
  });

  it('when the record date is given then the ex-date is the trading day before it (T+2 settlement)', () => {
    const calendar = new TradingCalendar([{ date: '2024-05-06', reason: 'holiday' }], {
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(exDateOf('2024-04-30', calendar)).toBe('2024-04-29');
    expect(exDateOf('2024-05-07', calendar)).toBe('2024-05-03');
  });

  it('when the simulator turns a total-return series into prints and the desk adds the distributions back then the 12-1 return is the backtest’s', () => {
    const tr = makeBars('2023-01-02', 300, (i) => 10_000 * 1.0006 ** i);
    const paid = [
      { exDate: tr[60]!.date, amount: 150 },
      { exDate: tr[124]!.date, amount: 140 },
      { exDate: tr[187]!.date, amount: 160 },
      { exDate: tr[250]!.date, amount: 155 },
    ];
    const rows = tr.map((b) => ({
      date: b.date,
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: 1,
    }));
    const prints = toPriceBasis(rows, paid).map((r) => bar(r.date, Math.round(r.close)));
    const end = tr.length - 1;
    const backtest = skipMonthRateOfChange(tr, end, 252, 21)!;
    const raw = skipMonthRateOfChange(prints, end, 252, 21)!;
    const desk = skipMonthRateOfChange(toTotalReturnBars(prints, paid), end, 252, 21)!;

    // The last print equals the shipped value (both bases agree at the end).
    expect(prints[end]!.close).toBe(Math.round(tr[end]!.close));
    expect(Math.abs(desk - backtest)).toBeLessThan(0.0005);
    // On the price basis the same ETF looks ≈ 4.5 pp weaker: enough to flip a close ranking.
    expect(backtest - raw).toBeGreaterThan(0.04);
  });
});

import { nearestTick } from '../domain/money';
import type { DailyBar } from '../domain/ports';
import type { PriceRow } from '../adapters/prices/load';

/**
 * Turns the shipped float price rows into the integer bars the strategy sees. Distribution-adjusted prices
 * lie off the tick grid, so every price is snapped to the nearest ETF tick. Close-only rows get
 * open = high = low = close (the ATR then falls back to close-to-close changes); missing volume becomes 0.
 */
export function toIntegerBars(rows: readonly PriceRow[]): DailyBar[] {
  return rows.map((row) => {
    const close = nearestTick(row.close, 'ETF');
    const open = row.open === null ? close : nearestTick(row.open, 'ETF');
    const high = row.high === null ? close : nearestTick(row.high, 'ETF');
    const low = row.low === null ? close : nearestTick(row.low, 'ETF');
    return {
      date: row.date,
      open,
      high: Math.max(high, open, close),
      low: Math.min(low, open, close),
      close,
      volume: row.volume === null ? 0 : Math.max(0, Math.round(row.volume)),
    };
  });
}

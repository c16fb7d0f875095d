import { feeFor, mulDivFloor, nearestTick, type Krw, type Shares } from '../domain/money';
import type { KstDate } from '../domain/market';
import type { DailyBar } from '../domain/ports';
import type { BacktestConfig } from './config';
import type { EquityPoint, Fill } from './engine';
import { calendarDaysBetween } from './days';
import { affordableQuantity, slippedFillPrice } from './fills';

export interface BuyAndHoldRun {
  ticker: string;
  equity: EquityPoint[];
  fills: Fill[];
  quantity: Shares;
}

/**
 * Buy-and-hold of one ETF over the same days with the same capital and costs: all the cash at the first open
 * the ticker trades (plus slippage, minus commission), integer shares, the rest stays cash (earning the same
 * cash rate), marked at every close.
 */
export function runBuyAndHold(
  ticker: string,
  bars: readonly DailyBar[],
  days: readonly KstDate[],
  config: Pick<BacktestConfig, 'capital' | 'slippageTicks' | 'commissionPpm' | 'cashRateBp'>,
): BuyAndHoldRun {
  let cash: Krw = config.capital;
  let quantity: Shares = 0;
  let bought = false;
  let i = -1;
  const equity: EquityPoint[] = [];
  const fills: Fill[] = [];
  days.forEach((date, k) => {
    if (k > 0 && config.cashRateBp > 0 && cash > 0) {
      cash += mulDivFloor(cash, config.cashRateBp * calendarDaysBetween(days[k - 1]!, date), 10_000 * 365);
    }
    while (i + 1 < bars.length && bars[i + 1]!.date <= date) i++;
    const bar = bars[i];
    if (!bought && bar?.date === date) {
      bought = true;
      const price = slippedFillPrice(bar.open, 'BUY', config.slippageTicks);
      quantity = affordableQuantity(Number.MAX_SAFE_INTEGER, price, cash, config.commissionPpm);
      const value = quantity * price;
      const commission = feeFor(value, config.commissionPpm);
      cash -= value + commission;
      fills.push({
        date,
        ticker,
        side: 'BUY',
        quantity,
        price,
        value,
        commission,
        tax: 0,
        reason: 'REBALANCE',
        limitPrice: null,
        filledAt: 'OPEN',
        openBeyondLimit: false,
        plannedQuantity: quantity,
      });
    }
    const close = bar ? nearestTick(bar.close, 'ETF') : 0;
    equity.push({ date, nav: cash + quantity * close, cash });
  });
  return { ticker, equity, fills, quantity };
}

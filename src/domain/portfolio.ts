/**
 * Positions, cash, NAV and P&L in integer KRW. Average cost includes buy fees; a sale realises
 * (proceeds − fees − taxes) − the cost of the shares sold, taken pro rata from the cost basis.
 */
import { mulDivFloor, type Krw, type Shares } from './money';
import type { Side } from './ports';

export interface Holding {
  ticker: string;
  quantity: Shares;
  /** Total cost of the shares held, buy fees included. */
  costBasis: Krw;
  realizedPnl: Krw;
}

export interface FillEffect {
  holding: Holding;
  /** Signed change of cash: negative for buys, positive for sells. */
  cashDelta: Krw;
  /** P&L realised by this fill (0 for buys). */
  realized: Krw;
}

export class OversellError extends Error {
  constructor(ticker: string, held: number, sold: number) {
    super(`selling ${sold} of ${ticker} but only ${held} are held`);
    this.name = 'OversellError';
  }
}

export function applyFill(
  holding: Holding | null,
  fill: { ticker: string; side: Side; quantity: Shares; amount: Krw; fee: Krw; tax: Krw },
): FillEffect {
  const current: Holding = holding ?? { ticker: fill.ticker, quantity: 0, costBasis: 0, realizedPnl: 0 };
  if (fill.side === 'BUY') {
    return {
      holding: {
        ...current,
        quantity: current.quantity + fill.quantity,
        costBasis: current.costBasis + fill.amount + fill.fee,
      },
      cashDelta: -(fill.amount + fill.fee),
      realized: 0,
    };
  }
  if (fill.quantity > current.quantity) throw new OversellError(fill.ticker, current.quantity, fill.quantity);
  const costOfSold =
    current.quantity === 0 ? 0 : mulDivFloor(current.costBasis, fill.quantity, current.quantity);
  const proceeds = fill.amount - fill.fee - fill.tax;
  const realized = proceeds - costOfSold;
  return {
    holding: {
      ...current,
      quantity: current.quantity - fill.quantity,
      costBasis: current.quantity === fill.quantity ? 0 : current.costBasis - costOfSold,
      realizedPnl: current.realizedPnl + realized,
    },
    cashDelta: proceeds,
    realized,
  };
}

export interface ValuedPosition {
  ticker: string;
  quantity: Shares;
  price: Krw;
  value: Krw;
  costBasis: Krw;
  unrealizedPnl: Krw;
}

export interface PortfolioValuation {
  cash: Krw;
  securitiesValue: Krw;
  nav: Krw;
  unrealizedPnl: Krw;
  positions: ValuedPosition[];
}

export function valuePortfolio(
  cash: Krw,
  holdings: readonly { ticker: string; quantity: Shares; costBasis: Krw }[],
  priceOf: (ticker: string) => Krw,
): PortfolioValuation {
  const positions = holdings
    .filter((h) => h.quantity > 0)
    .map((h) => {
      const price = priceOf(h.ticker);
      const value = price * h.quantity;
      return {
        ticker: h.ticker,
        quantity: h.quantity,
        price,
        value,
        costBasis: h.costBasis,
        unrealizedPnl: value - h.costBasis,
      };
    });
  const securitiesValue = positions.reduce((s, p) => s + p.value, 0);
  return {
    cash,
    securitiesValue,
    nav: cash + securitiesValue,
    unrealizedPnl: positions.reduce((s, p) => s + p.unrealizedPnl, 0),
    positions,
  };
}

/** Change in basis points between two NAVs (e.g. day or month-to-date P&L). */
export function returnBp(from: Krw, to: Krw): number {
  if (from <= 0) return 0;
  return Math.trunc(((to - from) * 10_000) / from);
}

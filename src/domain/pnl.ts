/**
 * P&L of a period, pure and in integer KRW, from the closing NAV snapshot before the period (the base), the
 * last closing snapshot in it (the end) and the fills in between.
 *
 * Shares held at the base are carried at their base value (the period's P&L starts from the base mark);
 * buys add their amount plus fee to the cost; a sell realises amount − fee − tax − the average cost of the
 * shares sold. Unrealised is the end value minus the cost still held. Realised + unrealised equals the NAV
 * change when the fills explain the positions; `other` is the rest (deposits, withdrawals, dividends, fills
 * the desk did not see).
 */
import { mulDivRound } from './money';
import type { Side } from './ports';
import type { KstDate } from './market';

export interface PnlFill {
  ticker: string;
  side: Side;
  quantity: number;
  amount: number;
  fee: number;
  tax: number;
}

export interface PnlSnapshot {
  tradeDate: KstDate;
  nav: number;
  positions: readonly { ticker: string; quantity: number; value: number }[];
}

export interface PnlInput {
  base: PnlSnapshot;
  end: PnlSnapshot;
  /** Fills after the base up to the end, in the order they happened. */
  fills: readonly PnlFill[];
  /** The benchmark's (KODEX 200) close on the base date and the end date; null when unknown. */
  benchmark: { base: number; end: number } | null;
}

export interface PnlFigures {
  navStart: number;
  navEnd: number;
  total: number;
  realized: number;
  unrealized: number;
  other: number;
  fees: number;
  taxes: number;
  buys: number;
  sells: number;
  /** total / navStart in basis points (null for an empty base). */
  returnBp: number | null;
  /** What navStart would have made in the benchmark, and the portfolio's P&L beyond that. */
  benchmark: { returnBp: number; krw: number; excess: number } | null;
}

export function computePnl(input: PnlInput): PnlFigures {
  const books = new Map<string, { quantity: number; cost: number }>();
  for (const p of input.base.positions)
    if (p.quantity > 0) books.set(p.ticker, { quantity: p.quantity, cost: p.value });
  let realized = 0;
  let fees = 0;
  let taxes = 0;
  let buys = 0;
  let sells = 0;
  for (const fill of input.fills) {
    fees += fill.fee;
    taxes += fill.tax;
    const book = books.get(fill.ticker) ?? { quantity: 0, cost: 0 };
    if (fill.side === 'BUY') {
      buys += 1;
      book.quantity += fill.quantity;
      book.cost += fill.amount + fill.fee;
    } else {
      sells += 1;
      const sold = Math.min(fill.quantity, book.quantity);
      const costSold = book.quantity > 0 ? mulDivRound(book.cost, sold, book.quantity) : 0;
      realized += fill.amount - fill.fee - fill.tax - costSold;
      book.quantity -= sold;
      book.cost -= costSold;
    }
    books.set(fill.ticker, book);
  }
  let unrealized = 0;
  for (const p of input.end.positions) {
    if (p.quantity <= 0) continue;
    const book = books.get(p.ticker);
    const cost =
      !book || book.quantity <= 0
        ? p.value
        : book.quantity === p.quantity
          ? book.cost
          : mulDivRound(book.cost, p.quantity, book.quantity);
    unrealized += p.value - cost;
  }
  const total = input.end.nav - input.base.nav;
  const navStart = input.base.nav;
  let benchmark: PnlFigures['benchmark'] = null;
  if (input.benchmark && input.benchmark.base > 0) {
    const move = input.benchmark.end - input.benchmark.base;
    const krw = mulDivRound(navStart, move, input.benchmark.base);
    benchmark = { returnBp: mulDivRound(move, 10_000, input.benchmark.base), krw, excess: total - krw };
  }
  return {
    navStart,
    navEnd: input.end.nav,
    total,
    realized,
    unrealized,
    other: total - realized - unrealized,
    fees,
    taxes,
    buys,
    sells,
    returnBp: navStart > 0 ? mulDivRound(total, 10_000, navStart) : null,
    benchmark,
  };
}

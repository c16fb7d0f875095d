/** The read-only KIS tools: quote, price history, balance, buying power. Results are compact on purpose. */
import type { Clock } from '../../../domain/clock';
import { addDays, kstDate } from '../../../domain/market';
import type { Broker, DailyBar } from '../../../domain/ports';
import { kstStamp } from '../time';
import { toolResult, type ToolOutcome } from './outcome';
import type { ToolArgs } from './schemas';

export interface MarketToolDeps {
  broker: Broker;
  clock: Clock;
  nameOf(ticker: string): string;
}

/** Longer histories are sampled down to this many closes, so 400 days cost about as much as 40. */
const MOST_HISTORY_POINTS = 40;
const RECENT_BARS = 5;

export async function getQuote(deps: MarketToolDeps, args: ToolArgs<'get_quote'>): Promise<ToolOutcome> {
  const q = await deps.broker.getQuote(args.ticker);
  return toolResult(
    {
      ticker: q.ticker,
      name: deps.nameOf(q.ticker),
      price: q.price,
      change_from_previous: q.changeFromPrevious,
      open: q.open,
      high: q.high,
      low: q.low,
      base_price: q.basePrice,
      upper_limit: q.upperLimit,
      lower_limit: q.lowerLimit,
      tick: q.tickSize,
      volume: q.volume,
      halted: q.halted,
      as_of: kstStamp(q.asOf),
    },
    [{ kind: 'kis', call: `inquire-price ${q.ticker}`, at: q.asOf.toISOString() }],
  );
}

export async function getPriceHistory(
  deps: MarketToolDeps,
  args: ToolArgs<'get_price_history'>,
): Promise<ToolOutcome> {
  const now = deps.clock.now();
  const to = kstDate(now);
  const from = addDays(to, -args.days);
  const bars = [...(await deps.broker.getDailyBars(args.ticker, from, to))].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
  return toolResult(
    { ticker: args.ticker, name: deps.nameOf(args.ticker), from, to, ...summariseBars(bars) },
    [
      {
        kind: 'kis',
        call: `inquire-daily-itemchartprice ${args.ticker} ${from}~${to}`,
        at: now.toISOString(),
      },
    ],
  );
}

export function summariseBars(bars: readonly DailyBar[]): Record<string, unknown> {
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (!first || !last) return { trading_days: 0, closes: [] };
  const step = Math.max(1, Math.ceil(bars.length / MOST_HISTORY_POINTS));
  const sampled = bars.filter((_, i) => (bars.length - 1 - i) % step === 0);
  return {
    trading_days: bars.length,
    first_close: first.close,
    last_close: last.close,
    change_bp: first.close > 0 ? Math.round(((last.close - first.close) * 10_000) / first.close) : null,
    high: Math.max(...bars.map((b) => b.high)),
    low: Math.min(...bars.map((b) => b.low)),
    sampled_every_n_days: step,
    closes: sampled.map((b) => [b.date, b.close]),
    recent: bars.slice(-RECENT_BARS).map((b) => ({
      date: b.date,
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
    })),
  };
}

export async function getPortfolio(deps: MarketToolDeps): Promise<ToolOutcome> {
  const b = await deps.broker.getBalance();
  const total = b.totalValue;
  return toolResult(
    {
      cash: b.cash,
      cash_d2: b.cashD2,
      securities_value: b.securitiesValue,
      total_value: total,
      positions: b.positions.map((p) => ({
        ticker: p.ticker,
        name: deps.nameOf(p.ticker),
        quantity: p.quantity,
        orderable_quantity: p.orderableQuantity,
        price: p.price,
        value: p.marketValue,
        purchase_amount: p.purchaseAmount,
        unrealized_pnl: p.unrealizedPnl,
        weight_bp: total > 0 ? Math.round((p.marketValue * 10_000) / total) : 0,
      })),
      as_of: kstStamp(b.asOf),
    },
    [{ kind: 'kis', call: 'inquire-balance', at: b.asOf.toISOString() }],
  );
}

export async function getBuyingPower(
  deps: MarketToolDeps,
  args: ToolArgs<'get_buying_power'>,
): Promise<ToolOutcome> {
  const bp = await deps.broker.getBuyingPower(args.ticker, args.price);
  return toolResult(
    {
      ticker: bp.ticker,
      name: deps.nameOf(bp.ticker),
      price: bp.price,
      orderable_cash: bp.orderableCash,
      max_amount: bp.maxAmount,
      max_quantity: bp.maxQuantity,
      as_of: kstStamp(bp.asOf),
    },
    [{ kind: 'kis', call: `inquire-psbl-order ${bp.ticker}`, at: bp.asOf.toISOString() }],
  );
}

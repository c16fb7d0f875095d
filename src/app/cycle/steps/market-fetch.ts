/**
 * Step 3: ≈ 13 months of daily bars for the universe and the safe ETF (enough for the momentum lookback and ATR),
 * quotes and the balance, all through the Broker (its client paces every request by the shared KIS limiter).
 * Missing or stale bars are a data outage: announced, and the output is marked incomplete so the strategy
 * step plans nothing. The balance also records the start-of-day NAV and is checked against the NAV floor.
 */
import { addDays, type KstDate, type TradingCalendar } from '../../../domain/market';
import type { Broker, BrokerBalance, DailyBar, Quote } from '../../../domain/ports';
import { requiredHistoryBars, type StrategyConfig } from '../../../domain/strategy';
import { exDateOf, toTotalReturnBars } from '../../../domain/strategy/price-basis';
import { alertDataOutage, alertNavBelowFloor } from '../alerts';
import type { CycleStep, StepContext } from '../context';
import { calendarDaysFor, fetchDailyHistory } from '../history';
import type { BalanceOutput, CompactBar, MarketDataProblem, MarketOutput } from '../outputs';
import { cycleStrategyConfig, cycleTickers } from '../strategy-config';

/** Bars kept in the checkpoint beyond what the indicators need. */
const SPARE_BARS = 5;

type Read<T> = { ok: true; value: T } | { ok: false; error: unknown };

const attempt = <T>(promise: Promise<T>): Promise<Read<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

export interface MarketFetchInput {
  broker: Pick<Broker, 'getDailyBars' | 'getQuote' | 'getBalance' | 'getDistributions'>;
  calendar: TradingCalendar;
  config: StrategyConfig;
  tradeDate: KstDate;
  /** Before the last attempt a failed read throws (the step retries); on it, the data is marked incomplete. */
  lastAttempt: boolean;
}

export interface MarketData extends Omit<MarketOutput, 'balance' | 'navBelowFloor'> {
  balance: BrokerBalance | null;
}

/** Every read at once: the broker's rate limiter, not the order of the calls, sets the pace. */
export async function fetchMarketData(input: MarketFetchInput): Promise<MarketData> {
  const { broker, calendar, config, tradeDate } = input;
  const tickers = cycleTickers(config);
  const needed = requiredHistoryBars(config);
  const lastSession = calendar.previousTradingDay(tradeDate);
  const from = addDays(lastSession, -calendarDaysFor(needed));

  const getDistributions = broker.getDistributions?.bind(broker);
  const [histories, distributions, quotes, balance] = await Promise.all([
    Promise.all(tickers.map((t) => attempt(fetchDailyHistory(broker, t, from, lastSession)))),
    // A record date up to a week after the last session can still belong to an ex-date inside the bars.
    getDistributions
      ? Promise.all(tickers.map((t) => attempt(getDistributions(t, from, addDays(tradeDate, 7)))))
      : null,
    Promise.all(tickers.map((t) => attempt(broker.getQuote(t)))),
    attempt(broker.getBalance()),
  ]);
  const firstFailure = [...histories, balance].find((r) => !r.ok);
  if (firstFailure && !firstFailure.ok && !input.lastAttempt) throw firstFailure.error;

  const problems: MarketOutput['problems'] = [];
  const bars: Record<string, CompactBar[]> = {};
  const priceBasis: NonNullable<MarketOutput['priceBasis']> = [];
  tickers.forEach((ticker, i) => {
    const read = histories[i]!;
    const problem = read.ok ? historyProblem(read.value, lastSession, tradeDate, needed) : 'READ_FAILED';
    if (problem) problems.push({ ticker, problem });
    if (!read.ok) return;
    let history = read.value;
    const paid = distributions?.[i];
    if (paid) {
      // The signal's basis is the backtest's: distributions added back (src/domain/strategy/price-basis.ts).
      const events = paid.ok
        ? paid.value.map((d) => ({ exDate: exDateOf(d.recordDate, calendar), amount: d.amount }))
        : [];
      history = toTotalReturnBars(history, events);
      priceBasis.push({
        ticker,
        basis: paid.ok ? 'TOTAL_RETURN' : 'PRICE',
        distributions: events.filter((e) => e.exDate <= lastSession).length,
      });
    }
    bars[ticker] = compact(history, tradeDate, needed + SPARE_BARS);
  });
  if (!balance.ok) problems.push({ ticker: '-', problem: 'NO_BALANCE' });
  return {
    complete: problems.length === 0,
    problems,
    bars,
    quotes: quotes.flatMap((q) => (q.ok ? [quoteOutput(q.value)] : [])),
    balance: balance.ok ? balance.value : null,
    ...(distributions ? { priceBasis } : {}),
  };
}

export const marketFetchStep: CycleStep<'market_fetch'> = {
  name: 'market_fetch',
  async run(ctx: StepContext): Promise<MarketOutput> {
    const { deps, tradeDate } = ctx;
    const data = await fetchMarketData({
      broker: deps.broker,
      calendar: deps.calendar,
      config: cycleStrategyConfig(deps),
      tradeDate,
      lastAttempt: ctx.lastAttempt,
    });
    const balance = data.balance;
    let navBelowFloor = false;
    if (balance) {
      await deps.core.accountData.startOfDayNav(balance);
      navBelowFloor = balance.totalValue < deps.limits.navFloor;
      if (navBelowFloor)
        await alertNavBelowFloor(deps.core.alerts, {
          tradeDate,
          nav: balance.totalValue,
          floor: deps.limits.navFloor,
        });
    }
    if (data.problems.length > 0)
      await alertDataOutage(deps.core.alerts, { tradeDate, problems: data.problems });
    return { ...data, balance: balance ? balanceOutput(balance) : null, navBelowFloor };
  },
};

function historyProblem(
  bars: readonly DailyBar[],
  lastSession: KstDate,
  tradeDate: KstDate,
  needed: number,
): MarketDataProblem | null {
  const usable = bars.filter((b) => b.date < tradeDate);
  const last = usable[usable.length - 1];
  if (!last) return 'NO_BARS';
  if (last.date < lastSession) return 'STALE';
  if (usable.length < needed) return 'SHORT_HISTORY';
  return null;
}

function compact(bars: readonly DailyBar[], tradeDate: KstDate, keep: number): CompactBar[] {
  return bars
    .filter((b) => b.date < tradeDate)
    .slice(-keep)
    .map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume]);
}

function quoteOutput(q: Quote): MarketOutput['quotes'][number] {
  return { ticker: q.ticker, name: q.name, price: q.price, asOf: q.asOf.toISOString() };
}

function balanceOutput(b: BrokerBalance): BalanceOutput {
  return {
    cash: b.cash,
    cashD2: b.cashD2,
    securitiesValue: b.securitiesValue,
    totalValue: b.totalValue,
    asOf: b.asOf.toISOString(),
    positions: b.positions.map((p) => ({
      ticker: p.ticker,
      name: p.name,
      quantity: p.quantity,
      orderableQuantity: p.orderableQuantity,
      purchaseAmount: p.purchaseAmount,
      price: p.price,
      marketValue: p.marketValue,
      unrealizedPnl: p.unrealizedPnl,
    })),
  };
}

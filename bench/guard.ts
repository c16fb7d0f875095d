import { pathToFileURL } from 'node:url';
import { loadTradingCalendar } from '../src/adapters/calendar/load';
import { kstInstant } from '../src/domain/market';
import type { Quote } from '../src/domain/ports';
import { checkOrder } from '../src/domain/risk/check-order';
import type { GuardInput, NewOrder } from '../src/domain/risk/input';
import { DEFAULT_RISK_LIMITS } from '../src/domain/risk/limits';

const TARGET_DECISIONS_PER_SECOND = 50_000;
const DECISIONS = 200_000;

function benchInputs(): GuardInput[] {
  const calendar = loadTradingCalendar();
  const now = kstInstant('2026-03-10', 10, 30);
  const tickers = ['069500', '102110', '229200', '360750'];
  const inputs: GuardInput[] = [];
  for (let i = 0; i < 64; i += 1) {
    const ticker = tickers[i % tickers.length]!;
    const price = 5_000 + (i % 16) * 1_000;
    const quote: Quote = {
      ticker,
      name: ticker,
      price,
      open: price,
      high: price,
      low: price,
      basePrice: price,
      upperLimit: Math.floor((price * 13) / 10 / 5) * 5,
      lowerLimit: Math.ceil((price * 7) / 10 / 5) * 5,
      changeFromPrevious: 0,
      volume: 1_000,
      tickSize: 5,
      halted: false,
      asOf: new Date(now.getTime() - 1_000),
    };
    const order: NewOrder = {
      kind: 'NEW',
      ticker,
      side: i % 3 === 0 ? 'SELL' : 'BUY',
      quantity: 1 + (i % 12),
      orderType: i % 5 === 0 ? 'MARKET' : 'LIMIT',
      limitPrice: i % 5 === 0 ? undefined : price + ((i % 7) - 3) * 5,
    };
    inputs.push({
      order,
      quote,
      nav: { supported: true, ticker, nav: price - 3.5, previousNav: price, premiumPercent: 0.03, asOf: now },
      account: {
        cash: 300_000 + i * 1_000,
        buyingPower: { ticker, price, orderableCash: 300_000, maxAmount: 300_000, maxQuantity: 0, asOf: now },
        positions: tickers.map((t, k) => ({ ticker: t, quantity: 5 + k, orderableQuantity: 5 + k, price })),
        startOfDayNav: 1_000_000,
        asOf: now,
      },
      openOrders: i % 4 === 0 ? [{ ticker, side: 'BUY', remainingQuantity: 1 }] : [],
      ordersToday: i % 11,
      tradingState: 'ACTIVE',
      environment: 'real',
      calendar,
      now,
      limits: DEFAULT_RISK_LIMITS,
    });
  }
  return inputs;
}

/** Prints how many guard decisions per second one core makes, and the ratio to the 50,000/s target. */
export async function runGuardBench(): Promise<void> {
  const inputs = benchInputs();
  const outcomes = { ALLOW: 0, DENY: 0, DEFER: 0 };
  for (let i = 0; i < 5_000; i += 1) checkOrder(inputs[i % inputs.length]!);
  const started = process.hrtime.bigint();
  for (let i = 0; i < DECISIONS; i += 1) outcomes[checkOrder(inputs[i % inputs.length]!).outcome] += 1;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = Math.round(DECISIONS / seconds);
  const ratio = (perSecond / TARGET_DECISIONS_PER_SECOND).toFixed(2);
  console.log(
    `risk guard: ${perSecond.toLocaleString('en-US')} decisions/s over ${DECISIONS.toLocaleString('en-US')} ` +
      `(allow ${outcomes.ALLOW}, deny ${outcomes.DENY}, defer ${outcomes.DEFER}); ${ratio}× the ${TARGET_DECISIONS_PER_SECOND.toLocaleString('en-US')}/s target`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runGuardBench();
}

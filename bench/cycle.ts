import { pathToFileURL } from 'node:url';
import { loadTradingCalendar } from '../src/adapters/calendar/load';
import { SystemClock } from '../src/adapters/clock/system';
import { createKisBroker } from '../src/adapters/kis/broker';
import { PUBLISHED_RATE_LIMIT } from '../src/adapters/kis/rate-limit';
import { InMemoryTokenStore } from '../src/adapters/kis/token-store';
import { cycleStrategyConfig, cycleTickers, fetchMarketData } from '../src/app/cycle';
import { DEFAULT_STRATEGY_CONFIG } from '../src/domain/strategy/config';
import { kstDate } from '../src/domain/market';
import { DEFAULT_RISK_LIMITS } from '../src/domain/risk';
import { startKisSimulator, simulatorClientConfig } from '../src/sim/kis';

const TARGET_RATIO = 1.15;
const RUNS = 3;

/**
 * The daily cycle's market-fetch step (≈ 13 months of daily bars for the default universe and safe ETF,
 * quotes, balance) against the simulator's real profile (18 req/s per key), through the real KIS client.
 * Printed: wall time divided by the rate-limit floor (requests ÷ limit). Below 1 is possible: the limiter
 * lets a full window go at once, so the floor is a pessimistic bound, not a minimum.
 */
export async function runCycleBench(): Promise<void> {
  const sim = await startKisSimulator({});
  const clock = new SystemClock();
  const calendar = loadTradingCalendar();
  const broker = createKisBroker({
    config: {
      ...simulatorClientConfig(sim, 'real'),
    },
    clock,
    tokenStore: new InMemoryTokenStore(),
  });
  const config = cycleStrategyConfig({
    settings: {
      time: '08:00',
      catchUpCutoff: '15:00',
      universe: [...DEFAULT_STRATEGY_CONFIG.universe],
      safeAsset: '114260',
      topN: 2,
      orders: 'approve',
      newsFeeds: [],
    },
    limits: DEFAULT_RISK_LIMITS,
  });
  const limit = PUBLISHED_RATE_LIMIT.real;
  try {
    await broker.getQuote('069500'); // token issuance is not part of the step
    const ratios: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // an empty rate-limit window to start from
      const before = sim.control.stats();
      const started = performance.now();
      const data = await fetchMarketData({
        broker,
        calendar,
        config,
        tradeDate: kstDate(clock.now()),
        lastAttempt: true,
      });
      const seconds = (performance.now() - started) / 1_000;
      const after = sim.control.stats();
      const requests = after.requests - before.requests;
      const floor = requests / limit;
      ratios.push(seconds / floor);
      console.log(
        `cycle market fetch #${run + 1}: ${cycleTickers(config).length} tickers, ${requests} requests in ${seconds.toFixed(2)} s; ` +
          `floor ${floor.toFixed(2)} s at ${limit}/s → ratio ${(seconds / floor).toFixed(3)} (target ≤ ${TARGET_RATIO}); ` +
          `EGW00201 ${after.rateLimited - before.rateLimited}; ` +
          `data ${data.complete ? 'complete' : `incomplete: ${data.problems.map((p) => `${p.ticker} ${p.problem}`).join(', ')}`}`,
      );
    }
    const worst = Math.max(...ratios);
    console.log(`cycle market fetch: worst ratio ${worst.toFixed(3)} of the ${TARGET_RATIO} target`);
  } finally {
    await broker.close();
    await sim.close();
  }
  const { runBacktestBench } = await import('./backtest');
  await runBacktestBench();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCycleBench();
}

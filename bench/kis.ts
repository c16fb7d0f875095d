import { pathToFileURL } from 'node:url';
import { SystemClock } from '../src/adapters/clock/system';
import { createKisBroker } from '../src/adapters/kis/broker';
import type { KisLogger } from '../src/adapters/kis/logger';
import { PUBLISHED_RATE_LIMIT } from '../src/adapters/kis/rate-limit';
import { InMemoryTokenStore } from '../src/adapters/kis/token-store';
import { startKisSimulator, simulatorClientConfig } from '../src/sim/kis';

const QUOTES = 1_000;
const TARGET_RATIO = 0.9;
const TICKERS = ['069500', '102110', '229200', '360750'];

/** Collects the duration of every quote exchange the client logs at debug level. */
function latencyLogger(latencies: number[]): KisLogger {
  const ignore = (): void => undefined;
  return {
    debug: (obj) => {
      const entry = obj as { trId?: string; ms?: number };
      if (entry.trId === 'FHKST01010100' && typeof entry.ms === 'number') latencies.push(entry.ms);
    },
    info: ignore,
    warn: ignore,
    error: ignore,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Fires 1,000 concurrent quote requests through one client at the simulator's real profile (18 req/s per key)
 * and prints the achieved rate as a share of the limit, the exchange latency, and how many EGW00201 came back.
 */
export async function runKisBench(): Promise<void> {
  const sim = await startKisSimulator({});
  const latencies: number[] = [];
  const broker = createKisBroker({
    config: {
      ...simulatorClientConfig(sim, 'real'),
    },
    clock: new SystemClock(),
    tokenStore: new InMemoryTokenStore(),
    logger: latencyLogger(latencies),
  });
  try {
    await broker.getQuote(TICKERS[0]!);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    latencies.length = 0;
    const before = sim.control.stats();
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: QUOTES }, (_, i) => broker.getQuote(TICKERS[i % TICKERS.length]!)),
    );
    const seconds = (performance.now() - started) / 1_000;
    const after = sim.control.stats();
    const failed = results.filter((r) => r.status === 'rejected').length;
    const limit = PUBLISHED_RATE_LIMIT.real;
    const rate = QUOTES / seconds;
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `kis client: ${QUOTES} quotes in ${seconds.toFixed(1)} s = ${rate.toFixed(2)} req/s; ` +
        `${(rate / limit).toFixed(3)}× the ${limit}/s limit (target ≥ ${TARGET_RATIO}); ` +
        `exchange latency p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms; ` +
        `EGW00201 at the simulator: ${after.rateLimited - before.rateLimited}; failed calls: ${failed}`,
    );
  } finally {
    await broker.close();
    await sim.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runKisBench();
}

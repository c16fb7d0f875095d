import { FakeClock } from '../../../../src/adapters/clock/fake';
import { createKisBroker, type KisBroker, type KisBrokerDeps } from '../../../../src/adapters/kis/broker';
import type { KisConfigInput } from '../../../../src/adapters/kis/config';
import type { KisLogger } from '../../../../src/adapters/kis/logger';
import { RateLimiterRegistry } from '../../../../src/adapters/kis/rate-limit';
import { InMemoryTokenStore } from '../../../../src/adapters/kis/token-store';
import { kstInstant } from '../../../../src/domain/market';
import { DEFAULT_SIM_ACCOUNTS, startKisSimulator } from '../../../../src/sim/kis';
import type {
  KisSimulator,
  KisSimulatorOptions,
  SimAccount,
  SimEnvironment,
} from '../../../../src/sim/kis/types';

/** A Tuesday inside continuous trading, well inside the replayed price data. */
export const TRADING_MORNING = kstInstant('2026-03-10', 10, 0);
export const ETF = '069500';

export interface SimHarness {
  sim: KisSimulator;
  clock: FakeClock;
  account(environment: SimEnvironment): SimAccount;
  brokerFor(
    environment: SimEnvironment,
    config?: Partial<KisConfigInput>,
    deps?: Partial<KisBrokerDeps>,
  ): KisBroker;
  close(): Promise<void>;
}

/**
 * A simulator on loopback with a FakeClock at a trading morning, and brokers wired to it. Paper runs at 50
 * requests/s on both sides so paging tests stay quick; the real profile keeps KIS's published 18/s.
 */
export async function startSimHarness(options: KisSimulatorOptions = {}): Promise<SimHarness> {
  const clock = new FakeClock(TRADING_MORNING);
  const sim = await startKisSimulator({
    clock,
    seed: 7,
    rateLimitPerSecond: { real: 18, paper: 50 },
    tokenIssueIntervalMs: 200,
    ...options,
  });
  const brokers: KisBroker[] = [];
  const account = (environment: SimEnvironment): SimAccount =>
    DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === environment)!;
  return {
    sim,
    clock,
    account,
    brokerFor(environment, config = {}, deps = {}) {
      const a = account(environment);
      const broker = createKisBroker({
        config: {
          environment,
          appKey: a.appKey,
          appSecret: a.appSecret,
          account: `${a.cano}-${a.productCode}`,
          htsId: a.htsId,
          urls: sim.urls[environment],
          rateLimitPerSecond: environment === 'paper' ? 50 : 18,
          tokenIssueIntervalMs: 250,
          orderTimeoutMs: 2_000,
          ...config,
        },
        clock,
        tokenStore: new InMemoryTokenStore(),
        rateLimiters: new RateLimiterRegistry(),
        readRetry: { retries: 6, baseDelayMs: 50, maxDelayMs: 400 },
        wsReconnect: { retries: Infinity, baseDelayMs: 50, maxDelayMs: 200 },
        ...deps,
      });
      brokers.push(broker);
      return broker;
    },
    async close() {
      await Promise.all(brokers.map((b) => b.close()));
      await sim.close();
    },
  };
}

export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}

export function recordingLogger(): KisLogger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (obj: object, msg: string) => {
    lines.push(JSON.stringify({ level, msg, ...obj }));
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

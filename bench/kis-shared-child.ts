/**
 * One process of the kis-shared scenario: its own KIS client on the real-profile simulator key, sharing the
 * token cache and the rate limiter through Postgres (or the rate limiter through Redis). `approver`: approvals as the desk does them — the guard's
 * fresh reads (quote, balance, buying power) at `interactive` priority, then the order POST. `flooder`:
 * background quote reads as fast as the budget allows. Prints one JSON line with what happened.
 */
import { openDatabase } from '../src/adapters/db/client';
import { createDbTokenStore } from '../src/adapters/db/token-store';
import { createKisBroker } from '../src/adapters/kis/broker';
import { RateLimiterRegistry } from '../src/adapters/kis/rate-limit';
import { RedisRateLimiter } from '../src/adapters/kis/redis-rate-limit';
import { PostgresRateLimiter } from '../src/adapters/kis/shared-rate-limit';
import { InMemoryTokenStore } from '../src/adapters/kis/token-store';
import { withCallPriority } from '../src/app/call-priority';
import { DEFAULT_SIM_ACCOUNTS } from '../src/sim/kis';

const role = process.argv[2] as 'approver' | 'flooder';
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const databaseUrl = process.env.SHARED_DATABASE_URL;
const redisUrl = process.env.SHARED_REDIS_URL;
const durationMs = Number(env('SHARED_DURATION_MS'));
const account = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'real')!;
// With Postgres the token cache is shared there too; with Redis alone each process asks the simulator (which
// then hands every process the same token).
const database = databaseUrl ? await openDatabase({ url: databaseUrl }) : null;
const limiters = new RateLimiterRegistry(undefined, (keyId, limitPerSecond) =>
  redisUrl
    ? new RedisRateLimiter({ url: redisUrl, keyId, limitPerSecond, keyPrefix: env('SHARED_REDIS_PREFIX') })
    : new PostgresRateLimiter({ url: env('SHARED_DATABASE_URL'), keyId, limitPerSecond }),
);
const broker = createKisBroker({
  config: {
    environment: 'real',
    appKey: account.appKey,
    appSecret: account.appSecret,
    account: `${account.cano}-${account.productCode}`,
    htsId: account.htsId,
    urls: { rest: env('SHARED_REST_URL'), ws: env('SHARED_WS_URL') },
  },
  // The simulator's clock runs in real time from a trading-day morning; the client keeps the same time.
  clock: { now: () => new Date(Date.now() + Number(env('SHARED_CLOCK_OFFSET_MS'))) },
  tokenStore: database ? createDbTokenStore(database) : new InMemoryTokenStore(),
  rateLimiters: limiters,
});

const result = {
  role,
  approvals: 0,
  deniedByRate: 0,
  deniedOther: 0,
  reads: 0,
  readErrors: 0,
  busyNotices: 0,
};
const isRate = (code: string | undefined): boolean =>
  code === 'EGW00201' || code === 'EGW00215' || code === 'KIS_BUSY';
const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The token first (one issuance across the processes), then everyone starts together.
await broker.getQuote('069500');
process.stdout.write('READY\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.pause();
const endAt = Date.now() + durationMs;

async function approve(): Promise<void> {
  try {
    const quote = await withCallPriority(
      'interactive',
      async () => {
        const q = await broker.getQuote('069500');
        await broker.getBalance();
        await broker.getBuyingPower('069500', q.lowerLimit);
        return q;
      },
      { onBusy: () => (result.busyNotices += 1) },
    );
    const placed = await broker.placeOrder({
      ticker: '069500',
      side: 'BUY',
      quantity: 1,
      orderType: 'LIMIT',
      limitPrice: quote.lowerLimit,
    });
    if (placed.status === 'rejected' && isRate(placed.code)) result.deniedByRate += 1;
    else if (placed.status !== 'accepted') result.deniedOther += 1;
    else result.approvals += 1;
  } catch (error) {
    if (isRate(codeOf(error))) result.deniedByRate += 1;
    else result.deniedOther += 1;
  }
}

try {
  if (role === 'approver') {
    while (Date.now() < endAt) {
      await approve();
      await pause(400);
    }
  } else {
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (Date.now() < endAt) {
          try {
            await broker.getQuote('069500');
            result.reads += 1;
          } catch {
            result.readErrors += 1;
          }
        }
      }),
    );
  }
} finally {
  await broker.close();
  await limiters.close();
  await database?.close();
}
console.log(JSON.stringify(result));

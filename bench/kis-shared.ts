import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { runSharedScenario, type SharedScenarioResult } from './kis-shared-scenario';

/**
 * `npm run bench -- kis-shared`: three processes (two approving, one flooding background reads) on one
 * real-limit (18/s) simulator key, sharing the budget through Postgres (BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else the local postgres://postgres@127.0.0.1:5432/test; a scratch database is created
 * and dropped). KIS_SHARED_BACKEND=redis shares it through Redis instead (BENCH_REDIS_URL, else REDIS_URL, else
 * redis://127.0.0.1:6379).
 */
export async function runKisSharedBench(): Promise<void> {
  const seconds = Number(process.env.KIS_SHARED_SECONDS ?? 10);
  if (process.env.KIS_SHARED_BACKEND === 'redis') {
    const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const keyPrefix = `kisdesk-bench-${randomBytes(4).toString('hex')}`;
    report('Redis', await runSharedScenario({ redisUrl, keyPrefix }, seconds * 1000));
    return;
  }
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const name = `kisdesk_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    report('Postgres', await runSharedScenario({ databaseUrl: url.toString() }, seconds * 1000));
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

function report(store: string, r: SharedScenarioResult): void {
  const approvals = r.children.reduce((n, c) => n + c.approvals, 0);
  const deniedByRate = r.children.reduce((n, c) => n + c.deniedByRate, 0);
  const deniedOther = r.children.reduce((n, c) => n + c.deniedOther, 0);
  const reads = r.children.reduce((n, c) => n + c.reads, 0);
  const busy = r.children.reduce((n, c) => n + c.busyNotices, 0);
  const perSecond = r.served / r.seconds;
  console.log(
    `kis-shared: ${r.seconds}s, 3 processes sharing the budget through ${store}; ${approvals} approvals sent (${deniedOther} refused for other reasons), ` +
      `${reads} background reads, ${busy} "KIS is busy" notices; ${perSecond.toFixed(1)} req/s served`,
  );
  console.log(
    `kis-shared: ${(perSecond / r.limitPerSecond).toFixed(2)}× the ${r.limitPerSecond}/s limit, ${r.rateLimited} EGW00201, ${deniedByRate} approvals denied by rate`,
  );
}

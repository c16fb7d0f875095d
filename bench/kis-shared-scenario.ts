/**
 * Three processes on one real-limit simulator key sharing one budget (Postgres or Redis): two approve, one
 * floods background reads.
 * Used by `npm run bench -- kis-shared` and by test/integration/kis-db/shared-budget.test.ts.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SIM_ACCOUNTS, startKisSimulator } from '../src/sim/kis';
import { SteppableClock } from '../src/sim/kis/control/steppable-clock';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ChildResult {
  role: 'approver' | 'flooder';
  approvals: number;
  deniedByRate: number;
  deniedOther: number;
  reads: number;
  readErrors: number;
  busyNotices: number;
}

export interface SharedScenarioResult {
  limitPerSecond: number;
  seconds: number;
  /** Requests the simulator served (not refused for the rate) during the run. */
  served: number;
  rateLimited: number;
  children: ChildResult[];
}

/** Where the three processes share the budget: Postgres (and its token cache), or Redis. */
export type SharedBudgetStore = { databaseUrl: string } | { redisUrl: string; keyPrefix: string };

export async function runSharedScenario(
  store: SharedBudgetStore,
  durationMs: number,
): Promise<SharedScenarioResult> {
  // A Wednesday 10:00 KST in the shipped data, running in real time: orders meet an open market.
  const clock = new SteppableClock(new Date('2026-07-15T10:00:00+09:00'), false);
  // Without a shared token cache every process asks for the token: the simulator answers them all.
  const sim = await startKisSimulator({ clock, tokenIssueIntervalMs: 'databaseUrl' in store ? 60_000 : 0 });
  const real = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'real')!;
  sim.control.setCash(real.cano, 10_000_000_000);
  const env = {
    ...process.env,
    ...('databaseUrl' in store
      ? { SHARED_DATABASE_URL: store.databaseUrl }
      : { SHARED_REDIS_URL: store.redisUrl, SHARED_REDIS_PREFIX: store.keyPrefix }),
    SHARED_REST_URL: sim.urls.real.rest,
    SHARED_WS_URL: sim.urls.real.ws,
    SHARED_DURATION_MS: String(durationMs),
    SHARED_CLOCK_OFFSET_MS: String(clock.now().getTime() - Date.now()),
  };
  const childFile = path.join(here, 'kis-shared-child.ts');
  const children = ['approver', 'approver', 'flooder'].map((role) => startChild(childFile, role, env));
  try {
    // Everyone holds the token and is connected before the clock starts.
    await Promise.all(children.map((c) => c.ready));
    const before = sim.control.stats();
    for (const c of children) c.go();
    const settled = await Promise.allSettled(children.map((c) => c.done));
    const failed = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw new Error(failed.map((f) => String(f.reason)).join('\n'));
    const results = settled.map((r) => (r as PromiseFulfilledResult<ChildResult>).value);
    const after = sim.control.stats();
    const rateLimited = after.rateLimited - before.rateLimited;
    const served = after.requests - before.requests - rateLimited;
    return { limitPerSecond: 18, seconds: durationMs / 1000, served, rateLimited, children: results };
  } finally {
    for (const c of children) c.kill();
    await sim.close();
  }
}

interface Child {
  ready: Promise<void>;
  go(): void;
  kill(): void;
  done: Promise<ChildResult>;
}

function startChild(file: string, role: string, env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', file, role], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (stdout.includes('READY\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<ChildResult>((resolve, reject) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ChildResult);
      else reject(new Error(`${role} process ended with ${code ?? signal}: ${stderr.slice(-2000)}`));
    });
  });
  done.catch(() => markReady());
  return {
    ready,
    go: () => child.stdin.end('go\n'),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    done,
  };
}

/**
 * Several desk processes on one Postgres, as separate operating-system processes: exactly one runs the
 * scheduler and a standby takes over when the leader is killed; `npm run cycle` with a desk running hands the
 * cycle to the desk, which runs it once.
 */
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { repoPath } from '../../../src/adapters/resources';
import { openFreshPostgres } from '../../support/db';
import { startTsChild, type RunningChild } from '../../support/child-process';

const adminUrl = process.env.TEST_DATABASE_URL;
const deskChild = repoPath('test', 'support', 'desk-child.ts');
const cycleCli = repoPath('src', 'cli', 'cycle.ts');

/** The `host:pid` holding the scheduler lock, read from Postgres itself. */
async function leaderOf(sql: postgres.Sql): Promise<string | null> {
  const rows = await sql<{ name: string }[]>`
    select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.classid = 751203 and l.objid = 1 and l.granted`;
  return rows[0]?.name.replace(/^kis-desk /, '') ?? null;
}

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  explain: () => Promise<unknown> = async () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `still ${JSON.stringify(value)} after ${timeoutMs} ms ${JSON.stringify(await explain())}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(adminUrl)('desk processes sharing one Postgres', () => {
  const children: RunningChild[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill();
  });

  const deskEnv = (url: string, startIso: string, extra: Record<string, string> = {}) => ({
    ...process.env,
    DATABASE_URL: url,
    DESK_CHILD_START: startIso,
    HTTP_ENABLED: 'false',
    WATCH_ENABLED: 'false',
    CANARY_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    ...extra,
  });

  it('when the leader is killed then the standby takes the scheduler over within the poll bound and queues its work', async () => {
    // Arrange: a Saturday 10:00 KST, when the leader's tick queues only the idle-session sweep.
    const database = await openFreshPostgres(adminUrl!);
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      // The clock stands still there, so the sweep (every 5th minute) is due on every tick, however slow the start.
      const env = deskEnv(database.url, '2026-07-18T10:00:00+09:00', { DESK_CHILD_FROZEN: 'true' });
      const first = startTsChild(deskChild, [], env);
      children.push(first);
      const firstName = await first.line('READY ');
      const second = startTsChild(deskChild, [], env);
      children.push(second);
      const secondName = await second.line('READY ');
      expect(await leaderOf(sql)).toBe(firstName);
      // Act
      first.kill('SIGKILL');
      await first.exited;
      const killedAt = Date.now();
      const leader = await waitFor(
        () => leaderOf(sql),
        (name) => name === secondName,
        10_000,
      );
      const tookOverMs = Date.now() - killedAt;
      // Assert: the new leader's scheduler queued work under its own name, and a desk ran it.
      expect(leader).toBe(secondName);
      expect(tookOverMs).toBeLessThan(5_000);
      const queuedBySecond = await waitFor(
        () => sql<{ state: string; worker: string | null }[]>`
          select state, worker from job_runs where requested_by = ${`scheduler@${secondName}`}`,
        (rows) => rows.some((r) => r.state === 'COMPLETED'),
        15_000,
        () => sql`select kind, singleton_key, requested_by, state, worker, attempts, error from job_runs`,
      );
      expect(queuedBySecond.find((r) => r.state === 'COMPLETED')?.worker).toBe(secondName);
      const queuedByFirst =
        await sql`select 1 from job_runs where requested_by = ${`scheduler@${firstName}`}`;
      expect(queuedByFirst.length).toBeGreaterThan(0);
    } finally {
      await sql.end({ timeout: 2 });
      await database.close();
    }
  }, 240_000);

  it('when npm run cycle is started with a desk running then the desk runs the cycle once and the command reports it', async () => {
    // Arrange: a desk on Wednesday 2026-07-15 08:30 KST whose own schedule would start the cycle only at 14:00.
    const database = await openFreshPostgres(adminUrl!);
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const env = deskEnv(database.url, '2026-07-15T08:30:00+09:00', { CYCLE_TIME: '14:00' });
      const desk = startTsChild(deskChild, [], env);
      children.push(desk);
      const deskName = await desk.line('READY ');
      // Act: the command itself, as its own process.
      const cli = startTsChild(cycleCli, ['--date', '2026-07-15'], { ...env, DESK_LOCALE: 'en' });
      children.push(cli);
      const code = await cli.exited;
      // Assert
      expect(code, cli.output()).toBe(0);
      expect(cli.output()).toContain('handed to its job queue');
      const runs = await sql<
        { status: string }[]
      >`select status from daily_runs where trade_date = '2026-07-15'`;
      expect(runs).toEqual([{ status: 'COMPLETED' }]);
      const jobs = await sql<{ state: string; worker: string; requested_by: string }[]>`
        select state, worker, requested_by from job_runs where kind = 'cycle'`;
      expect(jobs).toEqual([{ state: 'COMPLETED', worker: deskName, requested_by: 'cli' }]);
    } finally {
      await sql.end({ timeout: 2 });
      await database.close();
    }
  }, 240_000);
});

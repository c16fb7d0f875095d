/**
 * Which desk process runs the scheduler: the one holding a session-level advisory lock. Every desk process
 * also holds a shared "desk presence" lock, so `npm run cycle` can tell whether a desk is running on the
 * database. Session locks die with their connection: when the leader's process dies, Postgres frees its lock
 * and the next poll of a standby (every `pollMs`) takes it — the takeover bound. Each poll also checks that
 * the lock is still ours (a reconnect loses it silently) and steps down if not.
 *
 * On Postgres the locks live on one dedicated connection; on PGlite on the one embedded connection (always
 * the leader: one process owns the directory), with the same SQL.
 */
import { hostname } from 'node:os';
import type { PGlite } from '@electric-sql/pglite';
import { sql as drizzleSql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db } from '../db/client';

/** Lock keys (classid, objid) in pg_locks: the desk's namespace, then leader / presence. */
const LOCK_CLASS = 751_203;
const LEADER = 1;
const PRESENCE = 2;

type Query = <T extends object>(text: string, params?: unknown[]) => Promise<T[]>;

export interface LeaderStatus {
  leading: boolean;
  /** This process, as `host:pid`. */
  me: string;
  /** The leader's connection name (`kis-desk host:pid`) when another process leads and the database says so. */
  leader: string | null;
  since: Date | null;
}

export interface SchedulerLeadership {
  isLeader(): boolean;
  status(): Promise<LeaderStatus>;
  /** Whether any desk process (this one included) is running on the database. */
  deskRunning(): Promise<boolean>;
  /** `host:pid` of every process holding the presence or leader lock (this one included). */
  liveProcesses(): Promise<Set<string>>;
  stop(): Promise<void>;
}

export interface LeaderOptions {
  connection: { url: string } | { pglite: PGlite };
  /** How often a standby tries to take the lead and the leader checks it still holds it (default 5 s). */
  pollMs?: number;
  /** Called when this process becomes (true) or stops being (false) the leader. */
  onChange?: (leading: boolean) => void;
  /** When false, only holds the presence lock (`npm run cycle` working a job itself): never leads. */
  lead?: boolean;
  onError?: (error: unknown) => void;
}

export const processName = (): string => `${hostname()}:${process.pid}`;

export async function startSchedulerLeadership(options: LeaderOptions): Promise<SchedulerLeadership> {
  const me = processName();
  let close: () => Promise<void>;
  let query: Query;
  if ('url' in options.connection) {
    const sql = postgres(options.connection.url, {
      max: 1,
      idle_timeout: 0,
      onnotice: () => {},
      connection: { application_name: `kis-desk ${me}` },
    });
    query = <T extends object>(text: string, params: unknown[] = []) =>
      sql.unsafe<T[]>(text, params as postgres.ParameterOrJSON<never>[]) as unknown as Promise<T[]>;
    close = () => sql.end({ timeout: 2 });
  } else {
    const client = options.connection.pglite;
    query = async <T extends object>(text: string, params: unknown[] = []) =>
      (await client.query<T>(text, params)).rows;
    close = async () => {
      await client.query('select pg_advisory_unlock_all()').catch(() => undefined);
    };
  }
  const lead = options.lead ?? true;
  const pollMs = options.pollMs ?? 5_000;
  let leading = false;
  let since: Date | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const held = async (objid: number): Promise<boolean> => {
    const rows = await query<{ held: boolean }>(
      `select exists(select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()
         and classid = $1 and objid = $2 and granted) as held`,
      [LOCK_CLASS, objid],
    );
    return rows[0]?.held === true;
  };

  const setLeading = (value: boolean): void => {
    if (value === leading) return;
    leading = value;
    since = value ? new Date() : null;
    options.onChange?.(value);
  };

  const poll = async (): Promise<void> => {
    try {
      if (!(await held(PRESENCE)))
        await query(`select pg_advisory_lock_shared($1, $2)`, [LOCK_CLASS, PRESENCE]);
      if (!lead || (leading && (await held(LEADER)))) return;
      const rows = await query<{ taken: boolean }>(`select pg_try_advisory_lock($1, $2) as taken`, [
        LOCK_CLASS,
        LEADER,
      ]);
      setLeading(rows[0]?.taken === true);
    } catch (error) {
      // The connection is gone, and the lock with it: step down until a poll succeeds again.
      setLeading(false);
      options.onError?.(error);
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void poll().finally(schedule), pollMs);
    timer.unref?.();
  };

  await poll();
  schedule();

  return {
    isLeader: () => leading,
    async status() {
      if (leading) return { leading, me, leader: me, since };
      const rows = await query<{ name: string | null }>(
        `select a.application_name as name from pg_locks l left join pg_stat_activity a on a.pid = l.pid
         where l.locktype = 'advisory' and l.classid = $1 and l.objid = $2 and l.granted limit 1`,
        [LOCK_CLASS, LEADER],
      ).catch(() => []);
      const name = rows[0]?.name ?? null;
      return { leading, me, leader: name ? name.replace(/^kis-desk /, '') : null, since };
    },
    async deskRunning() {
      const rows = await query<{ running: boolean }>(
        `select exists(select 1 from pg_locks where locktype = 'advisory' and classid = $1 and objid in ($2, $3)
           and granted) as running`,
        [LOCK_CLASS, PRESENCE, LEADER],
      );
      return rows[0]?.running === true;
    },
    async liveProcesses() {
      const rows = await query<{ name: string | null }>(
        `select distinct a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
         where l.locktype = 'advisory' and l.classid = $1 and l.objid in ($2, $3) and l.granted`,
        [LOCK_CLASS, PRESENCE, LEADER],
      );
      const names = rows.map((r) => r.name ?? '').filter((n) => n.startsWith('kis-desk '));
      return new Set([me, ...names.map((n) => n.slice('kis-desk '.length))]);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const was = leading;
      leading = false;
      since = null;
      if (was) options.onChange?.(false);
      await close();
    },
  };
}

/** Whether a desk process holds its presence (or the leader) lock on this database. */
export async function deskRunningOn(db: Db): Promise<boolean> {
  const result = (await db.execute(
    drizzleSql`select exists(select 1 from pg_locks where locktype = 'advisory' and classid = ${LOCK_CLASS}
      and objid in (${PRESENCE}, ${LEADER}) and granted) as running`,
  )) as unknown;
  const rows = Array.isArray(result) ? result : (result as { rows: { running: boolean }[] }).rows;
  return (rows[0] as { running?: boolean } | undefined)?.running === true;
}

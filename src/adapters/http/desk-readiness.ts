import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { ReadinessCheck, ReadinessResult } from './readiness';

/** A status provider another part exposes (watch, KIS budget, scheduler leader…): a plain answer, sync or not. */
export type StatusProvider = () => ReadinessResult | Promise<ReadinessResult>;

export interface DeskReadinessSources {
  database: Database;
  /** The broker's access check (KisBroker.checkAccess): resolves with the token's expiry. */
  kisToken?: () => Promise<{ expiresAt: Date }>;
  kisWebsocket?: StatusProvider;
  discordGateway?: StatusProvider;
  schedulerLeader?: StatusProvider;
  now: () => Date;
  /** Further named parts (e.g. `watch`, `kis_budget`), shown after the standard ones. */
  extra?: Record<string, StatusProvider>;
}

async function firstRow(database: Database, query: string): Promise<Record<string, unknown> | undefined> {
  const result = (await database.db.execute(sql.raw(query))) as unknown;
  const rows = Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
  return rows[0] as Record<string, unknown> | undefined;
}

const dateText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** database, kis_token, kis_websocket, discord_gateway, scheduler_leader, last_cycle, canary, then the extras. */
export function deskReadinessChecks(sources: DeskReadinessSources): ReadinessCheck[] {
  const notConfigured = (detail: string): StatusProvider => () => ({ status: 'skip', detail });
  const checks: ReadinessCheck[] = [
    {
      name: 'database',
      async check() {
        await sources.database.db.execute(sql`select 1`);
        return { status: 'ok', detail: sources.database.description };
      },
    },
    {
      name: 'kis_token',
      async check() {
        if (!sources.kisToken) return { status: 'skip', detail: 'no broker token check' };
        const { expiresAt } = await sources.kisToken();
        const left = expiresAt.getTime() - sources.now().getTime();
        return left > 0
          ? { status: 'ok', detail: `valid until ${expiresAt.toISOString()}` }
          : { status: 'fail', detail: `expired at ${expiresAt.toISOString()}` };
      },
    },
    { name: 'kis_websocket', check: async () => (sources.kisWebsocket ?? notConfigured('not reported'))() },
    { name: 'discord_gateway', check: async () => (sources.discordGateway ?? notConfigured('Discord not configured'))() },
    {
      name: 'scheduler_leader',
      check: async () => (sources.schedulerLeader ?? (() => ({ status: 'ok', detail: 'single process: this one' })))(),
    },
    {
      name: 'last_cycle',
      async check() {
        const run = await firstRow(
          sources.database,
          'select trade_date, status, last_error from dashboard.cycle_runs order by trade_date desc limit 1',
        );
        if (!run) return { status: 'skip', detail: 'no cycle has run yet' };
        const detail = `${dateText(run.trade_date)} ${String(run.status)}${run.last_error ? `: ${String(run.last_error)}` : ''}`;
        return { status: run.status === 'FAILED' ? 'fail' : 'ok', detail };
      },
    },
    {
      name: 'canary',
      async check() {
        const run = await firstRow(
          sources.database,
          'select trade_date, status, reason from dashboard.canary_runs order by trade_date desc limit 1',
        );
        if (!run) return { status: 'skip', detail: 'no canary has run yet' };
        const detail = `${dateText(run.trade_date)} ${String(run.status)}${run.reason ? `: ${String(run.reason)}` : ''}`;
        return { status: run.status === 'FAILED' ? 'fail' : 'ok', detail };
      },
    },
  ];
  for (const [name, provider] of Object.entries(sources.extra ?? {})) checks.push({ name, check: async () => provider() });
  return checks;
}

import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../db/client';
import { addDays } from './request';

/**
 * The embedded dashboard's panels, read from the views in schema "dashboard" (the same contract Grafana reads) in a
 * read-only transaction as the role kis_desk_dashboard when this connection may use it. Every value from the
 * query string is a bound parameter.
 */

const money = z.preprocess(
  (v) => (typeof v === 'string' ? Number(v) : v),
  z.number().int().refine(Number.isSafeInteger),
);
const moneyOrNull = z.preprocess(
  (v) => (v === null || v === undefined ? null : typeof v === 'string' ? Number(v) : v),
  money.nullable(),
);
const decimalOrNull = z.preprocess(
  (v) => (v === null || v === undefined ? null : typeof v === 'string' ? Number(v) : v),
  z.number().finite().nullable(),
);
const day = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
);
const instant = z
  .preprocess((v) => (v instanceof Date ? v : new Date(String(v))), z.date())
  .transform((d) => d.toISOString());
const text = z.string();
const textOrNull = z.string().nullable();

const navRow = z.object({ date: day, nav: money, floor: moneyOrNull, drawdownPct: decimalOrNull });
const pnlDayRow = z.object({ date: day, pnl: moneyOrNull, pnlPct: decimalOrNull });
const pnlMonthRow = z.object({
  month: day,
  pnl: money,
  pnlPct: decimalOrNull,
  realised: money,
  unrealised: money,
});
const holdingRow = z.object({
  asOf: day,
  ticker: text,
  quantity: money,
  price: money,
  value: money,
  weightPct: decimalOrNull,
});
const orderRow = z.object({
  time: instant,
  ticker: text,
  side: text,
  quantity: money,
  status: text,
  filledQuantity: money,
  averageFillPrice: moneyOrNull,
  rejectCode: textOrNull,
  source: text,
  history: textOrNull,
});
const denialCodeRow = z.object({ code: text, count: money });
const cycleRow = z.object({
  date: day,
  status: text,
  trigger: text,
  attempts: money,
  durationS: decimalOrNull,
  stepsDone: money,
  stepsFailed: money,
  lastError: textOrNull,
});
const watchRow = z.object({ ticker: text, conditions: textOrNull, addedBy: text, addedAt: instant });
const firingRow = z.object({
  time: instant,
  ticker: text,
  condition: text,
  kind: text,
  severity: text,
  price: money,
});

export type NavPoint = z.infer<typeof navRow>;
export type PnlDay = z.infer<typeof pnlDayRow>;
export type PnlMonth = z.infer<typeof pnlMonthRow>;
export type Holding = z.infer<typeof holdingRow>;
export type OrderLine = z.infer<typeof orderRow>;
export type DenialCount = z.infer<typeof denialCodeRow>;
export type CycleLine = z.infer<typeof cycleRow>;
export type WatchLine = z.infer<typeof watchRow>;
export type FiringLine = z.infer<typeof firingRow>;

export interface DashboardData {
  from: string;
  to: string;
  nav: NavPoint[];
  pnlDaily: PnlDay[];
  pnlMonthly: PnlMonth[];
  /** The latest close's holdings (not limited to the range) and that day's cash. */
  holdings: { asOf: string | null; cash: number | null; nav: number | null; rows: Holding[] };
  orders: { total: number; rows: OrderLine[] };
  denials: { byCode: DenialCount[] };
  cycles: { total: number; rows: CycleLine[] };
  watch: { list: WatchLine[]; firings: FiringLine[] };
}

/** Rows shown at most per table; the totals say how many there were. */
export const MAX_TABLE_ROWS = 200;
const READER_ROLE = 'kis_desk_dashboard';

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<
    string,
    unknown
  >[];
}

async function select<T>(tx: Tx, schema: z.ZodType<T>, query: SQL): Promise<T[]> {
  return rowsOf(await tx.execute(query)).map((row) => schema.parse(row));
}

export interface DashboardReader {
  read(range: { from: string; to: string }): Promise<DashboardData>;
}

/**
 * Reads every panel in one read-only transaction. The role is used when it exists and this login may take it
 * (checked once); a database without it (a migrating user lacking CREATEROLE) is still read only through the views.
 */
export function createDashboardReader(database: Database, onRoleMissing?: () => void): DashboardReader {
  let roleUsable: Promise<boolean> | null = null;
  const canUseRole = () =>
    (roleUsable ??= database.db
      .execute(
        sql`select exists (select 1 from pg_roles where rolname = ${READER_ROLE} and pg_has_role(current_user, oid, 'MEMBER')) as ok`,
      )
      .then((result) => {
        const ok = rowsOf(result)[0]?.ok === true;
        if (!ok) onRoleMissing?.();
        return ok;
      }));

  return {
    async read({ from, to }) {
      const useRole = await canUseRole();
      // Trade dates are KST days; the views' "time" columns are timestamptz.
      const start = `${from}T00:00:00+09:00`;
      const end = `${addDays(to, 1)}T00:00:00+09:00`;
      const inRange = sql`time >= ${start}::timestamptz and time < ${end}::timestamptz`;
      return database.db.transaction(async (tx) => {
        await tx.execute(sql`set transaction read only`);
        if (useRole) await tx.execute(sql.raw(`set local role ${READER_ROLE}`));
        const nav = await select(
          tx,
          navRow,
          sql`select trade_date as date, nav, nav_floor as floor, drawdown_pct as "drawdownPct"
          from dashboard.nav_daily where ${inRange} order by trade_date`,
        );
        const pnlDaily = await select(
          tx,
          pnlDayRow,
          sql`select trade_date as date, pnl, pnl_pct as "pnlPct"
          from dashboard.pnl_daily where ${inRange} order by trade_date`,
        );
        const pnlMonthly = await select(
          tx,
          pnlMonthRow,
          sql`select month, pnl, pnl_pct as "pnlPct", realised_pnl as realised,
          unrealised_pnl as unrealised from dashboard.pnl_monthly
          where time < ${end}::timestamptz and time + interval '1 month' > ${start}::timestamptz order by month`,
        );
        const holdingRows = await select(
          tx,
          holdingRow,
          sql`select trade_date as "asOf", ticker, quantity, price,
          market_value as value, weight_pct as "weightPct" from dashboard.holdings order by market_value desc, ticker`,
        );
        const asOf = holdingRows[0]?.asOf ?? null;
        const [close] = asOf
          ? await select(
              tx,
              z.object({ cash: money, nav: money }),
              sql`select cash, nav from dashboard.nav_daily where trade_date = ${asOf}::date`,
            )
          : [];
        const [orderCount] = await select(
          tx,
          z.object({ n: money }),
          sql`select count(*) as n from dashboard.orders where ${inRange}`,
        );
        const orders = await select(
          tx,
          orderRow,
          sql`select time, ticker, side, quantity, status, filled_quantity as "filledQuantity",
          average_fill_price as "averageFillPrice", reject_code as "rejectCode", intent_source as source, status_history as history
          from dashboard.orders where ${inRange} order by time desc limit ${MAX_TABLE_ROWS}`,
        );
        const byCode = await select(
          tx,
          denialCodeRow,
          sql`select coalesce(code, '?') as code, count(*) as count
          from dashboard.guard_denials where ${inRange} group by 1 order by 2 desc, 1`,
        );
        const [cycleCount] = await select(
          tx,
          z.object({ n: money }),
          sql`select count(*) as n from dashboard.cycle_runs where ${inRange}`,
        );
        const cycles = await select(
          tx,
          cycleRow,
          sql`select trade_date as date, status, trigger, attempts, duration_s as "durationS",
          steps_done as "stepsDone", steps_failed as "stepsFailed", last_error as "lastError"
          from dashboard.cycle_runs where ${inRange} order by time desc limit ${MAX_TABLE_ROWS}`,
        );
        const list = await select(
          tx,
          watchRow,
          sql`select ticker, conditions, added_by as "addedBy", time as "addedAt"
          from dashboard.watchlist order by ticker`,
        );
        const firings = await select(
          tx,
          firingRow,
          sql`select time, ticker, condition, kind, severity, price
          from dashboard.watch_firings where ${inRange} order by time desc limit ${MAX_TABLE_ROWS}`,
        );
        return {
          from,
          to,
          nav,
          pnlDaily,
          pnlMonthly,
          holdings: { asOf, cash: close?.cash ?? null, nav: close?.nav ?? null, rows: holdingRows },
          orders: { total: orderCount?.n ?? 0, rows: orders },
          denials: { byCode },
          cycles: { total: cycleCount?.n ?? 0, rows: cycles },
          watch: { list, firings },
        };
      });
    },
  };
}

import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { currentCallContext, type KisCallPriority } from '../../app/call-priority';
import { BUSY_NOTICE_MS, type RateLimiter, type RateLimitPermit, reservedSlots } from './rate-limit';

/**
 * The per-app-key KIS budget shared by every process on one Postgres database.
 *
 * The same rule as the in-process limiter (rate-limit.ts), kept in rows: a key has `limit` slots; taking one
 * stamps `taken_at`, the answer stamps `finished_at`, and the slot is free again one window (plus a margin)
 * after its answer — by the database's clock, so every process agrees. A slot whose holder died is reclaimed
 * after a lease. One UPDATE … FOR UPDATE SKIP LOCKED takes a slot, so concurrent processes never wait on each
 * other's locks.
 *
 * Priorities: `order` and `interactive` callers that have to wait mark the key as wanted (`kis_rate_demand`);
 * while that mark is fresh, `background` callers take nothing, and they never take the reserved share.
 *
 * Why not rate-limiter-flexible: its Postgres store counts points in fixed windows (a burst at a window edge
 * puts up to twice the limit into one sliding second — EGW00201 at KIS, which counts arrivals in a sliding
 * window), it needs node-postgres/Knex/Prisma rather than postgres.js, and it has no notion of a request still
 * in flight. Why not advisory locks alone: a lock says who may send, not when the last answers came back.
 */
export interface PostgresRateLimiterOptions {
  url: string;
  keyId: string;
  limitPerSecond: number;
  windowMs?: number;
  marginMs?: number;
  /** A slot taken and never released (process died) is free again after this long. */
  leaseMs?: number;
  /** Longest pause between two tries while waiting. */
  maxPollMs?: number;
}

const DEMAND_FRESH_MS = 250;

export class PostgresRateLimiter implements RateLimiter {
  readonly limitPerSecond: number;
  private readonly sql: postgres.Sql;
  private readonly ready: Promise<void>;
  private readonly holder = randomUUID();
  private readonly spanMs: number;
  private readonly leaseMs: number;
  private readonly maxPollMs: number;
  private closed = false;

  constructor(private readonly options: PostgresRateLimiterOptions) {
    if (!Number.isInteger(options.limitPerSecond) || options.limitPerSecond < 1) {
      throw new Error(`rate limit must be a positive integer per second, got ${options.limitPerSecond}`);
    }
    this.limitPerSecond = options.limitPerSecond;
    this.spanMs = (options.windowMs ?? 1_000) + (options.marginMs ?? 25);
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxPollMs = options.maxPollMs ?? 50;
    this.sql = postgres(options.url, { max: 4, onnotice: () => {}, idle_timeout: 30 });
    this.ready = this.prepare();
    this.ready.catch(() => undefined);
  }

  private async prepare(): Promise<void> {
    const { keyId, limitPerSecond } = this.options;
    await this.sql.begin(async (tx) => {
      // Serialise the CREATE IF NOT EXISTS of concurrent first starts.
      await tx`select pg_advisory_xact_lock(hashtext('kis-rate-slots:schema'))`;
      await tx`create unlogged table if not exists kis_rate_slots (
        key_id text not null, slot int not null, taken_at timestamptz, finished_at timestamptz, holder text,
        primary key (key_id, slot))`;
      await tx`create unlogged table if not exists kis_rate_demand (
        key_id text primary key, wanted_until timestamptz not null)`;
      await tx`insert into kis_rate_slots (key_id, slot)
        select ${keyId}, g from generate_series(0, ${limitPerSecond - 1}) g on conflict do nothing`;
      await tx`delete from kis_rate_slots where key_id = ${keyId} and slot >= ${limitPerSecond}`;
    });
  }

  async acquire(priority?: KisCallPriority): Promise<RateLimitPermit> {
    const context = currentCallContext();
    const chosen = priority ?? context.priority;
    await this.ready;
    const started = Date.now();
    let told = false;
    for (;;) {
      if (this.closed) throw new Error('the shared KIS rate limiter is closed');
      const slot = await this.tryTake(chosen);
      if (slot !== null) return { release: () => this.release(slot) };
      if (chosen !== 'background') {
        await this.sql`insert into kis_rate_demand (key_id, wanted_until)
          values (${this.options.keyId}, clock_timestamp() + ${`${DEMAND_FRESH_MS} milliseconds`}::interval)
          on conflict (key_id) do update set wanted_until = excluded.wanted_until`;
        if (!told && context.onBusy && Date.now() - started >= BUSY_NOTICE_MS) {
          told = true;
          context.onBusy();
        }
      }
      await sleep(await this.pauseMs());
    }
  }

  private async tryTake(priority: KisCallPriority): Promise<number | null> {
    const { keyId } = this.options;
    const background = priority === 'background';
    const capacity = background
      ? Math.max(1, this.limitPerSecond - reservedSlots(this.limitPerSecond))
      : this.limitPerSecond;
    const span = `${this.spanMs} milliseconds`;
    const lease = `${this.leaseMs} milliseconds`;
    const rows = await this.sql<{ slot: number }[]>`
      update kis_rate_slots s set taken_at = clock_timestamp(), finished_at = null, holder = ${this.holder}
      where s.key_id = ${keyId} and s.slot = (
        select c.slot from kis_rate_slots c
        where c.key_id = ${keyId} and c.slot < ${capacity}
          and (c.taken_at is null
            or (c.finished_at is not null and c.finished_at + ${span}::interval <= clock_timestamp())
            or (c.finished_at is null and c.taken_at + ${lease}::interval <= clock_timestamp()))
          and (${!background} or not exists (
            select 1 from kis_rate_demand d where d.key_id = ${keyId} and d.wanted_until > clock_timestamp()))
        order by c.slot limit 1 for update skip locked)
      returning s.slot`;
    return rows[0]?.slot ?? null;
  }

  /** Until the earliest answered slot frees up, bounded so a release by another process is noticed soon. */
  private async pauseMs(): Promise<number> {
    const span = `${this.spanMs} milliseconds`;
    const [row] = await this.sql<{ ms: number | null }[]>`
      select extract(epoch from min(finished_at + ${span}::interval) - clock_timestamp()) * 1000 as ms
      from kis_rate_slots where key_id = ${this.options.keyId} and finished_at is not null`;
    const ms = row?.ms === null || row?.ms === undefined ? this.maxPollMs : Number(row.ms);
    return Math.min(this.maxPollMs, Math.max(2, Math.ceil(ms)));
  }

  private release(slot: number): void {
    void this.sql`update kis_rate_slots set finished_at = clock_timestamp()
      where key_id = ${this.options.keyId} and slot = ${slot} and holder = ${this.holder} and finished_at is null`.catch(
      () => undefined, // the lease frees it if this update is lost
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sql.end({ timeout: 2 });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

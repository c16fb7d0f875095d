import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { currentCallContext, type KisCallPriority } from '../../app/call-priority';
import { BUSY_NOTICE_MS, type RateLimiter, type RateLimitPermit, reservedSlots } from './rate-limit';

/**
 * The per-app-key KIS budget shared by every process through Redis (`REDIS_URL`).
 *
 * The same rule as the in-process and Postgres limiters: a request holds a slot while it is in flight and for
 * one window (plus a margin) after its answer. Here a slot is a member of one sorted set per key whose score
 * is the instant it frees up — `now + lease` while in flight (a holder that died frees it after the lease),
 * `answer + window + margin` once answered. Two small Lua scripts take and release a slot atomically, with
 * Redis's own clock (TIME), so every process agrees on "now".
 *
 * Priorities: `order` and `interactive` callers that have to wait set a short-lived demand key; while it
 * lives, `background` callers take nothing, and they never take the reserved share (they may hold at most
 * `limit − reserved` slots in all).
 *
 * Why a Lua script and not rate-limiter-flexible's RateLimiterRedis: that library counts points in fixed
 * windows (a burst at a window edge puts up to twice the limit into one sliding second, which KIS answers with
 * EGW00201) and has no notion of a request still in flight; its RLWrapperBlackAndWhite / queue helpers have no
 * priorities either. The script is twenty lines and states the rule exactly. ioredis runs it with EVALSHA
 * (defineCommand caches the script) and reconnects by itself.
 */
export interface RedisRateLimiterOptions {
  url: string;
  keyId: string;
  limitPerSecond: number;
  windowMs?: number;
  marginMs?: number;
  /** A slot taken and never released (process died) is free again after this long. */
  leaseMs?: number;
  /** Longest pause between two tries while waiting. */
  maxPollMs?: number;
  /** Prefix of every key this limiter writes (tests isolate themselves with it). */
  keyPrefix?: string;
}

const DEMAND_FRESH_MS = 250;

/** KEYS: slots, demand. ARGV: permit id, capacity, lease ms, background (1|0). Returns 0 when taken, else ms to wait. */
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if ARGV[4] == '1' and redis.call('EXISTS', KEYS[2]) == 1 then return ${DEMAND_FRESH_MS} end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(first[2]) - now)
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + 60000)
return 0
`;

/** KEYS: slots. ARGV: permit id, window + margin ms. The slot frees one window after the answer. */
const RELEASE_SLOT = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
  return 1
end
return 0
`;

interface SlotCommands {
  kisTakeSlot(
    slots: string,
    demand: string,
    id: string,
    capacity: number,
    leaseMs: number,
    background: 0 | 1,
  ): Promise<number>;
  kisReleaseSlot(slots: string, id: string, spanMs: number): Promise<number>;
}

export class RedisRateLimiter implements RateLimiter {
  readonly limitPerSecond: number;
  private readonly redis: Redis & SlotCommands;
  private readonly slotsKey: string;
  private readonly demandKey: string;
  private readonly spanMs: number;
  private readonly leaseMs: number;
  private readonly maxPollMs: number;
  private closed = false;

  constructor(options: RedisRateLimiterOptions) {
    if (!Number.isInteger(options.limitPerSecond) || options.limitPerSecond < 1) {
      throw new Error(`rate limit must be a positive integer per second, got ${options.limitPerSecond}`);
    }
    this.limitPerSecond = options.limitPerSecond;
    this.spanMs = (options.windowMs ?? 1_000) + (options.marginMs ?? 25);
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxPollMs = options.maxPollMs ?? 50;
    const prefix = `${options.keyPrefix ?? 'kis-desk'}:rate:{${options.keyId}}`;
    this.slotsKey = `${prefix}:slots`;
    this.demandKey = `${prefix}:demand`;
    const redis = new Redis(options.url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    // Connection trouble surfaces as failed calls (the KIS request fails and says why); no unhandled event.
    redis.on('error', () => undefined);
    redis.defineCommand('kisTakeSlot', { numberOfKeys: 2, lua: TAKE_SLOT });
    redis.defineCommand('kisReleaseSlot', { numberOfKeys: 1, lua: RELEASE_SLOT });
    this.redis = redis as Redis & SlotCommands;
  }

  async acquire(priority?: KisCallPriority): Promise<RateLimitPermit> {
    const context = currentCallContext();
    const chosen = priority ?? context.priority;
    const background = chosen === 'background';
    const capacity = background
      ? Math.max(1, this.limitPerSecond - reservedSlots(this.limitPerSecond))
      : this.limitPerSecond;
    const id = randomUUID();
    const started = Date.now();
    let told = false;
    for (;;) {
      if (this.closed) throw new Error('the shared KIS rate limiter is closed');
      const waitMs = Number(
        await this.redis.kisTakeSlot(
          this.slotsKey,
          this.demandKey,
          id,
          capacity,
          this.leaseMs,
          background ? 1 : 0,
        ),
      );
      if (waitMs === 0) return { release: () => this.release(id) };
      if (!background) {
        await this.redis.set(this.demandKey, '1', 'PX', DEMAND_FRESH_MS);
        if (!told && context.onBusy && Date.now() - started >= BUSY_NOTICE_MS) {
          told = true;
          context.onBusy();
        }
      }
      await sleep(Math.min(this.maxPollMs, Math.max(2, waitMs)));
    }
  }

  private release(id: string): void {
    // The lease frees the slot if this call is lost.
    void this.redis.kisReleaseSlot(this.slotsKey, id, this.spanMs).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

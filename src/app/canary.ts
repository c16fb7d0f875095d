/**
 * The pre-open canary: before the daily cycle (default 07:45 KST on trading days) it asks, read-only, whether
 * the day can work: the KIS token is valid or renewable, the balance and buying power read, every universe ETF
 * has a quote, KIS chk-holiday agrees with the calendar where it can be asked, and the database and memory
 * answer. It can only read: its broker type has no order methods. A failure holds the scheduled cycle, is posted
 * to the alert channel, and is retried every few minutes; still failing at the catch-up cutoff, the day's cycle
 * is skipped. One record per trade date.
 */
import type { Clock } from '../domain/clock';
import {
  canaryDue,
  canaryReason,
  type CanaryProbe,
  type CanaryRecord,
  type ProbeResult,
} from '../domain/canary';
import { kstParts, type TradingCalendar } from '../domain/market';
import type { Broker } from '../domain/ports';
import type { MemoryStore } from '../domain/ports/memory';
import type { AlertService } from './alerts';
import type { CanaryStore } from './ports/canary-store';
import { SerialQueue } from './serial';

/** Only reads: the canary cannot place or cancel anything. */
export type CanaryBroker = Pick<
  Broker,
  'getQuote' | 'getBalance' | 'getBuyingPower' | 'checkMarketDay' | 'checkAccess'
>;

export interface CanaryDeps {
  broker: CanaryBroker;
  store: CanaryStore;
  memory: Pick<MemoryStore, 'count'> | null;
  alerts: Pick<AlertService, 'raise'>;
  clock: Clock;
  calendar: TradingCalendar;
  /** The ETFs the cycle trades: one quote each. */
  tickers: readonly string[];
  /** HH:MM KST. */
  time: string;
  /** HH:MM KST: a canary still failing then skips the day's cycle. */
  catchUpCutoff: string;
  /** Minutes between attempts after a failure. Default 5. */
  retryMinutes?: number;
  /** Per probe. Default 30 s. */
  probeTimeoutMs?: number;
}

export type CanaryGate = { allow: true } | { allow: false; reason: string };

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function errorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (typeof code === 'string' ? `${code} ${message}` : message).slice(0, 200);
}

export class PreOpenCanary {
  /** The scheduler's canary lane and the cycle lane's gate never probe at the same time. */
  private readonly queue = new SerialQueue();

  constructor(private readonly deps: CanaryDeps) {}

  today(tradeDate: string): Promise<CanaryRecord | null> {
    return this.deps.store.get(tradeDate);
  }

  /**
   * The scheduler's entry, every tick of a trading day: runs the canary when it is due (from its time until the
   * cutoff, again after a failure), and at the cutoff turns a failure into SKIPPED (once, with an alert).
   */
  tick(tradeDate: string): Promise<void> {
    return this.queue.run(() => this.tickNow(tradeDate));
  }

  private async tickNow(tradeDate: string): Promise<void> {
    const minute = kstParts(this.deps.clock.now()).minuteOfDay;
    const cutoff = minutesOf(this.deps.catchUpCutoff);
    if (minute < minutesOf(this.deps.time)) return;
    const record = await this.deps.store.get(tradeDate);
    if (minute >= cutoff) {
      if (record?.status === 'FAILED') await this.skip(record);
      return;
    }
    if (canaryDue(record, this.deps.clock.now(), this.retryMs())) await this.run(tradeDate, record);
  }

  /** Whether the scheduled cycle may run: only after a passed canary (run now if it has not run or a retry is due). */
  gate(tradeDate: string): Promise<CanaryGate> {
    return this.queue.run(async () => {
      let record = await this.deps.store.get(tradeDate);
      // Not run yet today (the desk started late), or a retry is due: probe now rather than a tick later.
      if (canaryDue(record, this.deps.clock.now(), this.retryMs()))
        record = await this.run(tradeDate, record);
      if (record === null) return { allow: false, reason: 'not run' };
      if (record.status === 'PASSED') return { allow: true };
      return { allow: false, reason: record.reason ?? record.status };
    });
  }

  /** Runs every probe now and stores the result; alerts on the day's first failure and on a recovery. */
  async run(tradeDate: string, previous: CanaryRecord | null): Promise<CanaryRecord> {
    const probes = await this.probe(tradeDate);
    const now = this.deps.clock.now();
    const reason = canaryReason(probes);
    const record: CanaryRecord = {
      tradeDate,
      status: reason === null ? 'PASSED' : 'FAILED',
      attempts: (previous?.attempts ?? 0) + 1,
      probes,
      reason,
      firstAt: previous?.firstAt ?? now,
      lastAt: now,
    };
    await this.deps.store.save(record);
    if (record.status === 'FAILED') {
      await this.deps.alerts.raise({
        kind: 'CANARY_FAILED',
        severity: 'critical',
        message: `개장 전 점검 실패(${tradeDate}): ${reason}. 일일 사이클을 보류하고 ${this.retryMinutes()}분마다 다시 점검합니다. ${this.deps.catchUpCutoff}까지 통과하지 못하면 오늘 사이클은 건너뜁니다. 주문은 보내지 않았습니다.`,
        data: {
          tradeDate,
          reason,
          en: `Pre-open canary failed (${tradeDate}): ${reason}. The daily cycle is held and the canary retried every ${this.retryMinutes()} minutes; if it does not pass by ${this.deps.catchUpCutoff} today's cycle is skipped. No order was sent.`,
        },
        dedupeKey: `canary-failed:${tradeDate}`,
      });
    } else if (previous?.status === 'FAILED') {
      await this.deps.alerts.raise({
        kind: 'CANARY_FAILED',
        severity: 'info',
        message: `개장 전 점검이 ${record.attempts}번째 시도에서 통과했습니다(${tradeDate}). 일일 사이클을 진행합니다.`,
        data: {
          tradeDate,
          en: `The pre-open canary passed on attempt ${record.attempts} (${tradeDate}); the daily cycle goes ahead.`,
        },
        dedupeKey: `canary-recovered:${tradeDate}`,
      });
    }
    return record;
  }

  private async skip(record: CanaryRecord): Promise<void> {
    const skipped: CanaryRecord = { ...record, status: 'SKIPPED', lastAt: this.deps.clock.now() };
    await this.deps.store.save(skipped);
    await this.deps.alerts.raise({
      kind: 'CANARY_FAILED',
      severity: 'critical',
      message: `개장 전 점검이 ${this.deps.catchUpCutoff}까지 통과하지 못해 오늘(${record.tradeDate}) 일일 사이클을 건너뜁니다: ${record.reason}`,
      data: {
        tradeDate: record.tradeDate,
        reason: record.reason,
        en: `The pre-open canary did not pass by ${this.deps.catchUpCutoff}: today's (${record.tradeDate}) daily cycle is skipped: ${record.reason}`,
      },
      dedupeKey: `canary-skipped:${record.tradeDate}`,
    });
  }

  private retryMinutes(): number {
    return Math.max(1, this.deps.retryMinutes ?? 5);
  }

  private retryMs(): number {
    return this.retryMinutes() * 60_000;
  }

  private async probe(tradeDate: string): Promise<ProbeResult[]> {
    const { broker, calendar } = this.deps;
    const probes: [CanaryProbe, () => Promise<Omit<ProbeResult, 'probe'>>][] = [
      [
        'token',
        async () => {
          if (!broker.checkAccess) return { status: 'skipped', detail: 'the broker has no access token' };
          const { expiresAt } = await broker.checkAccess();
          const hours = Math.floor((expiresAt.getTime() - this.deps.clock.now().getTime()) / 3_600_000);
          return { status: 'ok', detail: `valid for ${hours} h` };
        },
      ],
      [
        'balance',
        async () => {
          const balance = await broker.getBalance();
          const ticker = this.deps.tickers[0];
          if (ticker !== undefined) await broker.getBuyingPower(ticker);
          return { status: 'ok', detail: `${balance.positions.length} positions, buying power read` };
        },
      ],
      ['quotes', () => this.probeQuotes()],
      [
        'calendar',
        async () => {
          if (!broker.checkMarketDay)
            return { status: 'skipped', detail: 'the broker cannot tell KRX holidays' };
          const answer = await broker.checkMarketDay(tradeDate);
          if (!answer.known) return { status: 'skipped', detail: answer.reason };
          const ours = calendar.isTradingDay(tradeDate);
          return answer.open === ours
            ? { status: 'ok', detail: `KIS chk-holiday agrees (${answer.open ? 'open' : 'closed'})` }
            : {
                status: 'failed',
                detail: `KIS chk-holiday says ${answer.open ? 'open' : 'closed'}, the calendar says ${ours ? 'open' : 'closed'}`,
              };
        },
      ],
      [
        'database',
        async () => {
          await this.deps.store.ping();
          return { status: 'ok', detail: 'answers' };
        },
      ],
      [
        'memory',
        async () => {
          if (!this.deps.memory) return { status: 'skipped', detail: 'no memory store' };
          return { status: 'ok', detail: `${await this.deps.memory.count()} memories` };
        },
      ],
    ];
    const results: ProbeResult[] = [];
    for (const [probe, run] of probes) {
      try {
        results.push({ probe, ...(await this.withTimeout(run())) });
      } catch (error) {
        results.push({ probe, status: 'failed', detail: errorText(error) });
      }
    }
    return results;
  }

  private async probeQuotes(): Promise<Omit<ProbeResult, 'probe'>> {
    const missing: string[] = [];
    for (const ticker of this.deps.tickers) {
      try {
        const quote = await this.deps.broker.getQuote(ticker);
        if (!(quote.price > 0)) missing.push(`${ticker} no price`);
      } catch (error) {
        missing.push(`${ticker} ${errorText(error)}`);
      }
    }
    return missing.length === 0
      ? { status: 'ok', detail: `${this.deps.tickers.length} quotes` }
      : { status: 'failed', detail: missing.join(', ') };
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    const ms = this.deps.probeTimeoutMs ?? 30_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}

/**
 * The approval scorecard as a use case: records every person's decision on an intent or plan leg with the
 * reference price at that moment (it listens to the desk's events, so no trading path waits for it), scores
 * the decisions once the 1st, 5th and 20th trading-day closes are known, and answers `/scorecard`.
 */
import type { Clock } from '../../domain/clock';
import { kstDate, kstParts, weekdayOf, type KstDate, type TradingCalendar } from '../../domain/market';
import {
  baselineOf,
  buildScorecard,
  effectOf,
  exposureOf,
  horizonDates,
  HORIZONS,
  parsePeriod,
  type DatePeriod,
  type Decision,
  type Scorecard,
} from '../../domain/scorecard';
import type { DeskEventListener } from '../desk-events';
import type { DecisionRecord, ScorecardStore } from '../ports/scorecard-store';
import type { IntentRecord, OrderRecord } from '../trading-store';
import { reportsText, signedKrw } from './report-text';

/** Daily closes of a ticker (KIS daily chart, or recorded data): date → close, KRW. */
export interface ClosePrices {
  closes(ticker: string, from: KstDate, to: KstDate): Promise<Map<KstDate, number>>;
}

export interface ScorecardDeps {
  store: ScorecardStore;
  calendar: TradingCalendar;
  clock: Clock;
  closes: ClosePrices;
  /** A fresh quote for a rejection or an expiry; absent, failing or null: the price the card showed. */
  quote?: (ticker: string) => Promise<number | null>;
  /** Who cancelled an order (from the audit log); null: unknown. */
  cancelledBy?: (orderId: string) => Promise<string | null>;
  /** Approvers that are not people (the cycle's auto mode): not scored. */
  systemActors?: readonly string[];
  onError?: (what: string, error: unknown) => void;
}

/** KRX closes at 15:30; the day's close counts from 15:40 KST. */
const CLOSE_KNOWN_MINUTE = 15 * 60 + 40;

export type ScorecardResult =
  | { status: 'ok'; period: DatePeriod; person: string | null; card: Scorecard; asOf: KstDate }
  | { status: 'bad-period'; input: string }
  | { status: 'unknown-person'; person: string }
  | { status: 'no-decisions'; period: DatePeriod; person: string | null };

export class ScorecardService {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: ScorecardDeps) {}

  /** Subscribe this to DeskEvents: it records decisions in the background (a failure is only reported). */
  listener(): DeskEventListener {
    return (event) => {
      let work: Promise<unknown> | null = null;
      if (event.type === 'intent.updated') work = this.onIntent(event.intent);
      else if (event.type === 'order.updated' && event.order.status === 'CANCELLED' && event.intent)
        work = this.recordCancel(event.order, event.intent);
      if (!work) return;
      const tracked = work.catch((error: unknown) => this.deps.onError?.('scorecard record', error));
      this.pending.add(tracked);
      void tracked.finally(() => this.pending.delete(tracked));
    };
  }

  /** Resolves when every decision seen so far is recorded (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async onIntent(intent: IntentRecord): Promise<unknown> {
    switch (intent.status) {
      case 'APPROVED':
        return this.recordIntent(intent, 'APPROVED');
      case 'REJECTED':
        return this.recordIntent(intent, 'REJECTED');
      case 'EXPIRED':
        // A deferred approval that ran out was decided already (its APPROVED row stands); only a card
        // nobody decided counts as an expiry.
        return intent.decidedBy === null ? this.recordIntent(intent, 'EXPIRED') : null;
      case 'SUBMITTED':
      case 'DEFERRED':
      case 'DENIED': {
        // The guard's fresh quote right after the ✅ is the truest price of the approval.
        const fresh = intent.precheck.quotePrice;
        if (intent.decidedBy && fresh && fresh > 0)
          await this.deps.store.updateReferencePrice(intent.id, 'APPROVED', fresh);
        return null;
      }
      default:
        return null;
    }
  }

  private isPerson(actor: string | null): boolean {
    return actor !== null && !(this.deps.systemActors ?? []).includes(actor);
  }

  /** Records a decision on an intent; false when it is not a person's decision or is already recorded. */
  async recordIntent(intent: IntentRecord, decision: Exclude<Decision, 'CANCELLED'>): Promise<boolean> {
    const person = decision === 'EXPIRED' ? null : intent.decidedBy;
    if (decision !== 'EXPIRED' && !this.isPerson(person)) return false;
    const at = intent.decidedAt ?? this.deps.clock.now();
    const cardPrice = intent.precheck.quotePrice ?? intent.precheck.referencePrice ?? intent.limitPrice;
    const price = decision === 'APPROVED' ? cardPrice : ((await this.freshQuote(intent.ticker)) ?? cardPrice);
    return this.insert(intent, decision, person, at, intent.quantity, price);
  }

  /** Records a cancelled order: the unfilled part is what the cancel changed. */
  async recordCancel(order: OrderRecord, intent: IntentRecord): Promise<boolean> {
    const remaining = order.quantity - order.filledQuantity;
    if (remaining <= 0) return false;
    const person = (await this.deps.cancelledBy?.(order.id)) ?? intent.decidedBy;
    if (!this.isPerson(person)) return false;
    const price =
      (await this.freshQuote(order.ticker)) ??
      intent.precheck.quotePrice ??
      intent.precheck.referencePrice ??
      order.limitPrice;
    return this.insert(intent, 'CANCELLED', person, order.updatedAt, remaining, price);
  }

  private async freshQuote(ticker: string): Promise<number | null> {
    if (!this.deps.quote) return null;
    try {
      const price = await this.deps.quote(ticker);
      return price !== null && price > 0 ? price : null;
    } catch (error) {
      this.deps.onError?.('scorecard quote', error);
      return null;
    }
  }

  private async insert(
    intent: IntentRecord,
    decision: Decision,
    person: string | null,
    at: Date,
    quantity: number,
    price: number | null,
  ): Promise<boolean> {
    if (price === null || price <= 0 || !Number.isInteger(price)) {
      this.deps.onError?.('scorecard record', new Error(`no reference price for intent ${intent.id}`));
      return false;
    }
    const baseline = baselineOf(intent.source);
    const decidedOn = kstDate(at);
    return this.deps.store.insert({
      intentId: intent.id,
      decision,
      source: intent.source,
      baseline,
      person,
      decidedAt: at,
      decidedOn,
      ticker: intent.ticker,
      side: intent.side,
      quantity,
      referencePrice: price,
      exposure: exposureOf(decision, baseline, intent.side, quantity),
      due: horizonDates(this.deps.calendar, decidedOn),
    });
  }

  /** The last trading day whose close is known now. */
  lastClosedDay(): KstDate {
    const now = this.deps.clock.now();
    const today = kstDate(now);
    const parts = kstParts(now);
    const minute = parts.hour * 60 + parts.minute;
    if (this.deps.calendar.isTradingDay(today) && minute >= CLOSE_KNOWN_MINUTE) return today;
    return this.deps.calendar.previousTradingDay(today);
  }

  /** Fills in every close that has become known; returns how many horizons were scored. */
  async score(): Promise<number> {
    const last = this.lastClosedDay();
    const due = await this.deps.store.listUnscored(last);
    const byTicker = new Map<string, DecisionRecord[]>();
    for (const d of due) byTicker.set(d.ticker, [...(byTicker.get(d.ticker) ?? []), d]);
    let scored = 0;
    for (const [ticker, decisions] of byTicker) {
      const dates = decisions.flatMap((d) =>
        HORIZONS.filter((h) => d.closes[h] === null).map((h) => d.due[h]),
      );
      const from = dates.reduce((a, b) => (a < b ? a : b));
      let closes: Map<KstDate, number>;
      try {
        closes = await this.deps.closes.closes(ticker, from, last);
      } catch (error) {
        this.deps.onError?.('scorecard closes', error);
        continue;
      }
      for (const d of decisions)
        for (const h of HORIZONS) {
          if (d.closes[h] !== null || d.due[h] > last) continue;
          const close = closes.get(d.due[h]);
          if (close === undefined) continue;
          await this.deps.store.setClose(d.id, h, close, effectOf(d.exposure, d.referencePrice, close));
          scored += 1;
        }
    }
    return scored;
  }

  /**
   * Fridays' briefing line: this month's decisions, helped / hurt and net KRW after 5 trading days (the
   * horizon most of the month's decisions have reached). Null on other weekdays.
   */
  async briefingLine(tradeDate: KstDate): Promise<Record<'ko' | 'en', string> | null> {
    if (weekdayOf(tradeDate) !== 5) return null;
    await this.score();
    const decisions = await this.deps.store.list({
      fromDate: `${tradeDate.slice(0, 7)}-01`,
      toDate: tradeDate,
    });
    const out = {} as Record<'ko' | 'en', string>;
    const overall = buildScorecard(
      decisions.map((d) => ({ person: d.person, decidedOn: d.decidedOn, effects: d.effects })),
    ).overall;
    for (const locale of ['ko', 'en'] as const) {
      const t = reportsText(locale).scorecard;
      const five = overall.horizons[5];
      out[locale] =
        overall.decisions === 0
          ? t.briefingNone
          : t.briefing(overall.decisions, five.helped, five.hurt, signedKrw(five.net, locale));
    }
    return out;
  }

  /** `/scorecard [person] [period]`: per person and overall. Reads only; scores what became known first. */
  async report(request: { person?: string | null; period?: string | null }): Promise<ScorecardResult> {
    const today = kstDate(this.deps.clock.now());
    const period = parsePeriod(request.period, today, 'month');
    if (!period) return { status: 'bad-period', input: (request.period ?? '').slice(0, 40) };
    const person = request.person ?? null;
    if (person !== null && !(await this.deps.store.hasPerson(person)))
      return { status: 'unknown-person', person };
    const filter = { fromDate: period.from, toDate: period.to, ...(person !== null ? { person } : {}) };
    if ((await this.deps.store.list(filter)).length === 0) return { status: 'no-decisions', period, person };
    try {
      await this.score();
    } catch (error) {
      this.deps.onError?.('scorecard score', error);
    }
    const decisions = await this.deps.store.list(filter);
    return {
      status: 'ok',
      period,
      person,
      card: buildScorecard(
        decisions.map((d) => ({ person: d.person, decidedOn: d.decidedOn, effects: d.effects })),
      ),
      asOf: this.lastClosedDay(),
    };
  }
}

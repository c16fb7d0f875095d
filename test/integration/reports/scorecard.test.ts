/**
 * The approval scorecard of a seeded month (October 2026) against a hand computation. Decisions reach the
 * scorecard the way they do in production: as desk events (intent.updated / order.updated). The calendar
 * is the shipped data: 2026-10-05 and 2026-10-09 are KRX holidays, so the horizons skip them.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTradingCalendar } from '../../../src/adapters/calendar/load';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { Database } from '../../../src/adapters/db/client';
import { createDbScorecardStore } from '../../../src/adapters/db/scorecard-store';
import { DeskEvents } from '../../../src/app/desk-events';
import { ScorecardService } from '../../../src/app/reports/scorecard';
import { scorecardPlain, scorecardText } from '../../../src/app/reports/scorecard-text';
import type { IntentRecord, OrderRecord } from '../../../src/app/trading-store';
import type { IntentSource, IntentStatus } from '../../../src/domain/order';
import { testDatabaseTargets, truncateAll } from '../../support/db';

const calendar = loadTradingCalendar();
const kst = (date: string, time: string) => new Date(`${date}T${time}:00+09:00`);

/** Daily closes the fake chart serves (only the horizon days matter). */
const CLOSES: Record<string, Record<string, number>> = {
  '069500': {
    '2026-10-01': 30_100,
    '2026-10-02': 30_300,
    '2026-10-08': 30_200,
    '2026-10-12': 29_800,
    '2026-10-15': 31_500,
    '2026-10-16': 31_200,
    '2026-10-21': 30_900,
    '2026-10-30': 30_700,
    '2026-11-02': 32_000,
    '2026-11-05': 31_000,
    '2026-11-06': 31_400,
    '2026-11-11': 30_000,
  },
  '360750': {
    '2026-10-07': 20_100,
    '2026-10-14': 19_600,
    '2026-10-21': 20_000,
    '2026-10-27': 20_900,
    '2026-11-04': 21_000,
    '2026-11-17': 19_800,
  },
};

function intent(fields: {
  source: IntentSource;
  status: IntentStatus;
  ticker: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  cardPrice: number;
  decidedBy: string | null;
  decidedAt: Date | null;
  freshQuote?: number;
}): IntentRecord {
  return {
    id: randomUUID(),
    source: fields.source,
    proposer: fields.source === 'cycle' ? 'cycle' : 'assistant',
    sessionId: null,
    dailyRunId: null,
    idempotencyKey: null,
    ticker: fields.ticker,
    side: fields.side,
    quantity: fields.quantity,
    orderType: 'LIMIT',
    limitPrice: fields.cardPrice,
    rationale: 'seeded',
    precheck: {
      outcome: 'ALLOW',
      checks: [],
      referencePrice: fields.cardPrice,
      estimatedValue: fields.cardPrice * fields.quantity,
      checkedAt: '2026-10-01T00:00:00Z',
      ...(fields.freshQuote ? { quotePrice: fields.freshQuote } : {}),
    },
    status: fields.status,
    environment: 'paper',
    expiresAt: new Date('2026-12-31T00:00:00Z'),
    createdAt: new Date('2026-09-01T00:00:00Z'),
    decidedBy: fields.decidedBy,
    decidedAt: fields.decidedAt,
    decisionNote: null,
    firstApprovedBy: null,
    firstApprovedAt: null,
    cardRef: null,
  };
}

describe.each(testDatabaseTargets())('approval scorecard on $name', (target) => {
  let database: Database;
  let clock: FakeClock;
  let events: DeskEvents;
  let service: ScorecardService;
  let quotes: Map<string, number>;
  let chartCalls: { ticker: string; from: string; to: string }[];

  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    clock = new FakeClock(kst('2026-10-01', '10:00'));
    quotes = new Map();
    chartCalls = [];
    events = new DeskEvents();
    service = new ScorecardService({
      store: createDbScorecardStore(database.db),
      calendar,
      clock,
      closes: {
        async closes(ticker, from, to) {
          chartCalls.push({ ticker, from, to });
          const out = new Map<string, number>();
          for (const [date, close] of Object.entries(CLOSES[ticker] ?? {}))
            if (date >= from && date <= to) out.set(date, close);
          return out;
        },
      },
      quote: async (ticker) => quotes.get(ticker) ?? null,
      cancelledBy: async () => 'bob',
      systemActors: ['cycle-auto'],
    });
    events.subscribe(service.listener());
  });

  async function decide(record: IntentRecord, at?: Date): Promise<void> {
    if (at) clock.set(at);
    await events.emit({ type: 'intent.updated', intent: record });
    await service.settled();
  }

  async function seedOctober(): Promise<void> {
    // D0 (September, outside the period): alice approves a proposal to buy 1 × 069500.
    await decide(
      intent({
        source: 'chat',
        status: 'APPROVED',
        ticker: '069500',
        side: 'BUY',
        quantity: 1,
        cardPrice: 30_000,
        decidedBy: 'alice',
        decidedAt: kst('2026-09-30', '10:00'),
      }),
    );
    // D1: alice approves the assistant's proposal: buy 10 × 069500 at 30,000 (baseline: nothing).
    await decide(
      intent({
        source: 'chat',
        status: 'APPROVED',
        ticker: '069500',
        side: 'BUY',
        quantity: 10,
        cardPrice: 30_000,
        decidedBy: 'alice',
        decidedAt: kst('2026-10-01', '10:00'),
      }),
    );
    // The cycle's own approval in auto mode is nobody's decision.
    await decide(
      intent({
        source: 'cycle',
        status: 'APPROVED',
        ticker: '069500',
        side: 'BUY',
        quantity: 7,
        cardPrice: 30_300,
        decidedBy: 'cycle-auto',
        decidedAt: kst('2026-10-02', '08:00'),
      }),
    );
    // D2: alice rejects a plan leg: buy 5 × 360750; the card showed 19,950, the quote at the click is 20,000.
    quotes.set('360750', 20_000);
    await decide(
      intent({
        source: 'cycle',
        status: 'REJECTED',
        ticker: '360750',
        side: 'BUY',
        quantity: 5,
        cardPrice: 19_950,
        decidedBy: 'alice',
        decidedAt: kst('2026-10-06', '08:30'),
      }),
      kst('2026-10-06', '08:30'),
    );
    // D3: bob approves a plan leg: sell 3 × 069500; card 30,400, the guard's fresh quote at the send 30,500.
    const d3 = intent({
      source: 'cycle',
      status: 'APPROVED',
      ticker: '069500',
      side: 'SELL',
      quantity: 3,
      cardPrice: 30_400,
      decidedBy: 'bob',
      decidedAt: kst('2026-10-07', '09:10'),
    });
    await decide(d3);
    await decide({ ...d3, status: 'SUBMITTED', precheck: { ...d3.precheck, quotePrice: 30_500 } });
    // D4: bob rejects a proposal: buy 2 × 069500 (quote 30,250).
    quotes.set('069500', 30_250);
    await decide(
      intent({
        source: 'chat',
        status: 'REJECTED',
        ticker: '069500',
        side: 'BUY',
        quantity: 2,
        cardPrice: 30_200,
        decidedBy: 'bob',
        decidedAt: kst('2026-10-08', '11:00'),
      }),
    );
    // D5: nobody decides a plan leg (sell 4 × 069500) and it expires on 10-14 (quote 31,000).
    quotes.set('069500', 31_000);
    await decide(
      intent({
        source: 'cycle',
        status: 'EXPIRED',
        ticker: '069500',
        side: 'SELL',
        quantity: 4,
        cardPrice: 30_800,
        decidedBy: null,
        decidedAt: null,
      }),
      kst('2026-10-14', '15:00'),
    );
    // D6a: bob approves a proposal: buy 10 × 360750 at 20,300 ...
    const d6 = intent({
      source: 'chat',
      status: 'APPROVED',
      ticker: '360750',
      side: 'BUY',
      quantity: 10,
      cardPrice: 20_300,
      decidedBy: 'bob',
      decidedAt: kst('2026-10-20', '09:05'),
    });
    await decide(d6);
    // ... D6b: 4 fill, then bob cancels the remaining 6 (quote 20,400).
    quotes.set('360750', 20_400);
    const order: OrderRecord = {
      id: randomUUID(),
      intentId: d6.id,
      environment: 'paper',
      ticker: '360750',
      side: 'BUY',
      quantity: 10,
      orderType: 'LIMIT',
      limitPrice: 20_300,
      status: 'CANCELLED',
      brokerOrderId: '1',
      brokerOrgNo: '1',
      filledQuantity: 4,
      filledAmount: 81_200,
      fees: 12,
      rejectCode: null,
      rejectMessage: null,
      unknownReason: null,
      reconcileAttempts: 0,
      submittedAt: kst('2026-10-20', '09:05'),
      lastReconciledAt: null,
      createdAt: kst('2026-10-20', '09:05'),
      updatedAt: kst('2026-10-20', '11:00'),
    };
    await events.emit({ type: 'order.updated', order, intent: { ...d6, status: 'SUBMITTED' } });
    await service.settled();
  }

  it('records each decision with its reference price, due days from the calendar, and the exposure', async () => {
    await seedOctober();
    const rows = await database.db.execute<{
      person: string | null;
      decision: string;
      reference_price: string;
      exposure: number;
      due_1: string;
      due_5: string;
      due_20: string;
    }>(
      sql`select person, decision, reference_price, exposure, due_1, due_5, due_20 from decision_scores order by decided_at, id`,
    );
    const list = (rows as unknown as { rows?: unknown[] }).rows ?? (rows as unknown as unknown[]);
    expect(
      (
        list as {
          person: string | null;
          decision: string;
          reference_price: string | number;
          exposure: number;
          due_1: string;
          due_5: string;
          due_20: string;
        }[]
      ).map((r) => [r.person, r.decision, Number(r.reference_price), r.exposure, r.due_1, r.due_5, r.due_20]),
    ).toEqual([
      ['alice', 'APPROVED', 30_000, 1, '2026-10-01', '2026-10-08', '2026-10-30'],
      ['alice', 'APPROVED', 30_000, 10, '2026-10-02', '2026-10-12', '2026-11-02'],
      ['alice', 'REJECTED', 20_000, -5, '2026-10-07', '2026-10-14', '2026-11-04'],
      ['bob', 'APPROVED', 30_500, 0, '2026-10-08', '2026-10-15', '2026-11-05'],
      ['bob', 'REJECTED', 30_250, 0, '2026-10-12', '2026-10-16', '2026-11-06'],
      [null, 'EXPIRED', 31_000, 4, '2026-10-15', '2026-10-21', '2026-11-11'],
      ['bob', 'APPROVED', 20_300, 10, '2026-10-21', '2026-10-27', '2026-11-17'],
      ['bob', 'CANCELLED', 20_400, -6, '2026-10-21', '2026-10-27', '2026-11-17'],
    ]);
  });

  it('the scorecard of October matches the hand computation', async () => {
    await seedOctober();
    clock.set(kst('2026-12-04', '12:00'));
    const result = await service.report({ period: '2026-10' });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;

    // Hand computation: effect = exposure × (close on the horizon day − reference price).
    // D1 alice  +10 × (30,300−30,000)=+3,000 | +10 × (29,800−30,000)=−2,000 | +10 × (32,000−30,000)=+20,000
    // D2 alice   −5 × (20,100−20,000)=−500   |  −5 × (19,600−20,000)=+2,000 |  −5 × (21,000−20,000)=−5,000
    // D3 bob      0 (approving the plan is the plan)                   0 / 0 / 0
    // D4 bob      0 (rejecting a proposal is doing nothing)            0 / 0 / 0
    // D5 expired +4 × (31,500−31,000)=+2,000 | +4 × (30,900−31,000)=−400   | +4 × (30,000−31,000)=−4,000
    // D6a bob   +10 × (20,000−20,300)=−3,000 | +10 × (20,900−20,300)=+6,000 | +10 × (19,800−20,300)=−5,000
    // D6b bob    −6 × (20,000−20,400)=+2,400 |  −6 × (20,900−20,400)=−3,000 |  −6 × (19,800−20,400)=+3,600
    const alice = {
      decisions: 2,
      horizons: {
        1: { scored: 2, helped: 1, hurt: 1, neutral: 0, net: 2_500 },
        5: { scored: 2, helped: 1, hurt: 1, neutral: 0, net: 0 },
        20: { scored: 2, helped: 1, hurt: 1, neutral: 0, net: 15_000 },
      },
    };
    const bob = {
      decisions: 4,
      horizons: {
        1: { scored: 4, helped: 1, hurt: 1, neutral: 2, net: -600 },
        5: { scored: 4, helped: 1, hurt: 1, neutral: 2, net: 3_000 },
        20: { scored: 4, helped: 1, hurt: 1, neutral: 2, net: -1_400 },
      },
    };
    const nobody = {
      decisions: 1,
      horizons: {
        1: { scored: 1, helped: 1, hurt: 0, neutral: 0, net: 2_000 },
        5: { scored: 1, helped: 0, hurt: 1, neutral: 0, net: -400 },
        20: { scored: 1, helped: 0, hurt: 1, neutral: 0, net: -4_000 },
      },
    };
    expect(result.card.people).toEqual([
      { person: 'bob', line: bob },
      { person: 'alice', line: alice },
      { person: null, line: nobody },
    ]);
    expect(result.card.overall).toEqual({
      decisions: 7,
      horizons: {
        1: { scored: 7, helped: 3, hurt: 2, neutral: 2, net: 3_900 },
        5: { scored: 7, helped: 2, hurt: 3, neutral: 2, net: 2_600 },
        20: { scored: 7, helped: 2, hurt: 3, neutral: 2, net: 9_600 },
      },
    });

    // One person: only alice's rows; the Korean text carries the same numbers.
    const onlyAlice = await service.report({ person: 'alice', period: '2026-10' });
    expect(onlyAlice.status === 'ok' && onlyAlice.card.overall).toEqual(alice);
    const text = scorecardPlain(scorecardText(result, 'ko', (p) => p));
    expect(text).toContain('승인 성적표 · 2026-10');
    expect(text).toContain('20거래일 후: 도움 2 / 손해 3 · 순 +9,600원');
    expect(text).toContain('1거래일 후: 도움 1 / 손해 1 · 순 -600원');
    expect(scorecardPlain(scorecardText(result, 'en', (p) => p))).toContain(
      'after 20 trading days: helped 1 / hurt 1 · net +₩15,000',
    );
  });

  it('scores only closes that are known: before 15:40 KST the day is not closed yet', async () => {
    clock.set(kst('2026-10-01', '10:00'));
    await decide(
      intent({
        source: 'chat',
        status: 'APPROVED',
        ticker: '069500',
        side: 'BUY',
        quantity: 10,
        cardPrice: 30_000,
        decidedBy: 'alice',
        decidedAt: kst('2026-10-01', '10:00'),
      }),
    );
    clock.set(kst('2026-10-02', '15:00'));
    const early = await service.report({ period: 'month' });
    expect(early.status === 'ok' && early.card.overall.horizons[1].scored).toBe(0);
    expect(chartCalls).toEqual([]);
    clock.set(kst('2026-10-02', '16:00'));
    const late = await service.report({ period: 'month' });
    expect(late.status === 'ok' && late.card.overall.horizons[1]).toEqual({
      scored: 1,
      helped: 1,
      hurt: 0,
      neutral: 0,
      net: 3_000,
    });
    // Scored once: a second report asks the chart nothing more.
    await service.report({ period: 'month' });
    expect(chartCalls).toEqual([{ ticker: '069500', from: '2026-10-02', to: '2026-10-02' }]);
  });

  it('bad input: a bad period, a person who never decided, a period with no data — one message, nothing changed', async () => {
    await seedOctober();
    clock.set(kst('2026-12-04', '12:00'));
    const count = async () => {
      const result = (await database.db.execute(
        sql`select count(*)::int as n from decision_scores where close_1 is not null`,
      )) as unknown as { rows?: { n: number }[] } & { n: number }[];
      return Number((result.rows ?? result)[0]!.n);
    };
    const before = await count();
    const bad = await service.report({ period: 'fortnight' });
    expect(bad).toEqual({ status: 'bad-period', input: 'fortnight' });
    expect(scorecardText(bad, 'ko', (p) => p)).toContain('"fortnight"은(는) 기간이 아닙니다');
    const carol = await service.report({ person: 'carol', period: 'all' });
    expect(carol).toEqual({ status: 'unknown-person', person: 'carol' });
    expect(scorecardText(carol, 'en', (p) => p)).toBe('carol has not decided anything yet.');
    const empty = await service.report({ period: '2025-01' });
    expect(empty.status).toBe('no-decisions');
    expect(scorecardText(empty, 'ko', (p) => p)).toBe('2025-01 기간에 기록된 결정이 없습니다.');
    expect(await service.report({ period: '2026-13' })).toEqual({ status: 'bad-period', input: '2026-13' });
    // Nothing was scored by the refused requests.
    expect(await count()).toBe(before);
    expect(chartCalls).toEqual([]);
  });

  it('the Friday briefing carries one line of the month; other days none', async () => {
    await seedOctober();
    // Friday 2026-10-30 at the 08:00 cycle: closes up to Thursday 10-29 are known, so every October
    // decision has its 5th trading day: −2,000 + 2,000 + 0 + 0 − 400 + 6,000 − 3,000 = +2,600.
    clock.set(kst('2026-10-30', '08:00'));
    expect(await service.briefingLine('2026-10-29')).toBeNull();
    expect(await service.briefingLine('2026-10-30')).toEqual({
      ko: '이번 달 결정 7건 · 5거래일 후 도움 2 / 손해 3 · 순 +2,600원 (/scorecard)',
      en: 'This month 7 decisions · after 5 trading days helped 2 / hurt 3 · net +₩2,600 (/scorecard)',
    });
    expect(await service.briefingLine('2026-11-06')).toEqual({
      ko: '이번 달 기록된 결정 없음',
      en: 'No decisions recorded this month',
    });
  });
});

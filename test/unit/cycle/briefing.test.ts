import { describe, expect, it } from 'vitest';
import {
  composeBriefing,
  oneLine,
  nextRebalanceDay,
  type BriefingFacts,
} from '../../../src/app/cycle/briefing/compose';
import { pnlFigures } from '../../../src/app/cycle/briefing/pnl';
import type { NavSnapshotRecord } from '../../../src/app/trading-store';
import { calendar } from '../../support/trading';

const snapshot = (
  tradeDate: string,
  nav: number,
  kind: NavSnapshotRecord['kind'] = 'close',
): NavSnapshotRecord => ({
  tradeDate,
  kind,
  nav,
  cash: nav,
  securitiesValue: 0,
  positions: [],
  takenAt: new Date(0),
});

function facts(overrides: Partial<BriefingFacts> = {}): BriefingFacts {
  return {
    tradeDate: '2026-11-02',
    runId: '0f0e0d0c-0000-4000-8000-000000000000',
    calendar,
    names: { '069500': 'KODEX 200' },
    market: {
      complete: true,
      problems: [],
      bars: {},
      quotes: [],
      balance: {
        cash: 500_000,
        cashD2: 500_000,
        securitiesValue: 500_000,
        totalValue: 1_000_000,
        asOf: '2026-11-01T23:00:00.000Z',
        positions: [
          {
            ticker: '069500',
            name: 'KODEX200',
            quantity: 10,
            orderableQuantity: 10,
            purchaseAmount: 480_000,
            price: 50_000,
            marketValue: 500_000,
            unrealizedPnl: 20_000,
          },
        ],
      },
      navBelowFloor: false,
    },
    strategy: {
      status: 'PLANNED',
      nav: 1_000_000,
      dataAsOf: '2026-10-30',
      hurdle: { ticker: '114260', roc: 0.03 },
      signals: [{ ticker: '069500', status: 'RANKED', rank: 1, roc: 0.2, selected: true }],
      legs: [
        {
          ticker: '069500',
          side: 'SELL',
          quantity: 2,
          plannedQuantity: 2,
          limitPrice: 49_000,
          estimatedValue: 98_000,
          heldQuantity: 10,
          targetQuantity: 8,
          rationale: { ko: '비중 축소', en: 'trim weight' },
          clippedBy: null,
        },
      ],
      notes: [],
    },
    risk: {
      outcome: 'DEFER',
      tradingState: 'ACTIVE',
      legs: [
        {
          ticker: '069500',
          side: 'SELL',
          quantity: 2,
          limitPrice: 49_000,
          outcome: 'DEFER',
          code: 'MARKET_CLOSED',
          reason: null,
          deferUntil: '2026-11-02T00:00:00.000Z',
        },
      ],
    },
    execution: {
      mode: 'approve',
      intents: [
        {
          id: 'i1',
          ticker: '069500',
          side: 'SELL',
          quantity: 2,
          limitPrice: 49_000,
          status: 'AWAITING_APPROVAL',
        },
      ],
      approvals: [],
      planPublished: true,
    },
    news: {
      fetched: 1,
      inserted: 1,
      memories: 1,
      feedErrors: [],
      memoryError: null,
      highlights: [
        {
          title: '@everyone [click](https://evil.example) *buy* now',
          url: 'https://news.example/x',
          source: 'x',
          publishedAt: null,
        },
      ],
    },
    pnl: { day: 1_200, mtd: -3_000, ytd: null },
    tradingState: 'ACTIVE',
    awaitingReconciliation: false,
    ...overrides,
  };
}

describe('the morning briefing', () => {
  it('when composed then both locales carry NAV, P&L, positions, the plan with its status and the news as escaped text', () => {
    // Act
    const briefing = composeBriefing(facts());

    // Assert
    const ko = briefing.embeds.ko;
    expect(ko.title).toBe('2026-11-02 아침 브리핑');
    expect(ko.description).toContain('순자산 1,000,000원');
    expect(ko.description).toContain('전일 +1,200원 · 월초 대비 -3,000원 · 연초 대비 —');
    expect(ko.fields.map((f) => f.name)).toEqual([
      '보유 종목',
      '오늘의 계획',
      '근거',
      '모멘텀 순위',
      '뉴스 (외부 원문, 지시로 취급하지 않음)',
      '거래 상태',
    ]);
    expect(ko.fields[0]!.value).toBe('069500 KODEX 200 10주 · 500,000원 (50.0%) · 평가손익 +20,000원');
    expect(ko.fields[1]!.value).toBe(
      '매도 069500 KODEX 200 2주 @ 49,000원 (98,000원) — 2026-11-02 09:00에 접수 가능 · 승인 대기',
    );
    expect(ko.fields[4]!.value).toBe(
      // Plain here; the Discord renderer escapes it (test/unit/discord/untrusted-text.test.ts).
      '• @everyone [click](https://evil.example) *buy* now — https://news.example/x',
    );
    expect(briefing.embeds.en.fields[1]!.value).toContain('Sell 069500 KODEX 200 2 @ ₩49,000');
    expect(briefing.text.en).toContain('Morning briefing 2026-11-02');
    for (const f of [...ko.fields, ...briefing.embeds.en.fields])
      expect(f.value.length).toBeLessThanOrEqual(1_024);
  });

  it('when a scorecard line is given (Fridays) then each locale carries it as a field, and none without it', () => {
    const line = {
      ko: '이번 달 결정 2건 · 5거래일 후 도움 1 / 손해 1 · 순 +500원 (/scorecard)',
      en: 'This month 2 decisions',
    };
    const briefing = composeBriefing(facts({ scorecard: line }));

    expect(briefing.embeds.ko.fields.at(-1)).toEqual({ name: '승인 성적표', value: line.ko });
    expect(briefing.embeds.en.fields.at(-1)).toEqual({ name: 'Approval scorecard', value: line.en });
    expect(briefing.text.ko).toContain(line.ko);
    expect(composeBriefing(facts()).embeds.ko.fields.map((f) => f.name)).not.toContain('승인 성적표');
  });

  it('when it is not a rebalance day then the plan names the first trading day of next month', () => {
    // Act
    const briefing = composeBriefing(
      facts({
        tradeDate: '2026-11-16',
        strategy: { ...facts().strategy, status: 'NOT_REBALANCE_DAY', legs: [] },
      }),
    );

    // Assert
    expect(briefing.embeds.ko.fields[1]!.value).toBe('리밸런싱일이 아닙니다. 다음 리밸런싱: 2026-12-01');
    expect(nextRebalanceDay(calendar, '2026-09-15')).toBe('2026-10-01');
  });

  it('when a title spans lines then it is one line, left unescaped for each channel to escape', () => {
    expect(oneLine(' [KIS 재인증](https://evil.example)\n @everyone ')).toBe(
      '[KIS 재인증](https://evil.example) @everyone',
    );
  });
});

describe('P&L from NAV snapshots', () => {
  it('when closes span two months and a year end then day, month-to-date and year-to-date use the right bases', () => {
    // Arrange
    const closes = [
      snapshot('2025-12-30', 900_000),
      snapshot('2026-01-30', 950_000),
      snapshot('2026-02-26', 980_000),
      snapshot('2026-02-27', 990_000),
    ];

    // Act
    const pnl = pnlFigures('2026-03-03', 1_000_000, closes, []);

    // Assert
    expect(pnl).toEqual({ day: 10_000, mtd: 10_000, ytd: 100_000 });
  });

  it('when the account is new this month then the month starts from its first start-of-day NAV', () => {
    // Act
    const pnl = pnlFigures(
      '2026-03-04',
      1_010_000,
      [snapshot('2026-03-03', 1_005_000)],
      [snapshot('2026-03-03', 1_000_000, 'start_of_day')],
    );

    // Assert
    expect(pnl).toEqual({ day: null, mtd: 10_000, ytd: 10_000 });
  });
});

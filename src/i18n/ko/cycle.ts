/** Korean text of the daily cycle: alerts, the plan card and the morning briefing. `en/cycle.ts` has the same keys. */
import type { StepName } from '../../app/cycle/outputs';
import type { FitLimit, MarketDataProblem } from '../../app/cycle/outputs';
import type { TradingState } from '../../domain/risk';

export const cycleKo = {
  steps: {
    news: '뉴스 수집',
    memory_summary: '메모리 정리',
    market_fetch: '시세·잔고 조회',
    strategy: '전략 계산',
    risk: '위험 점검',
    execution: '주문 준비',
    briefing: '브리핑 게시',
    memory_upsert: '브리핑 저장',
  } satisfies Record<StepName, string>,
  dataProblems: {
    NO_BARS: '일봉 없음',
    STALE: '최근 일봉 없음',
    SHORT_HISTORY: '과거 일봉 부족',
    READ_FAILED: '조회 실패',
    NO_BALANCE: '잔고 조회 실패',
  } satisfies Record<MarketDataProblem, string>,
  alerts: {
    stepFailed: (p: { date: string; step: string; attempts: number; error: string; cutoff: string }) =>
      `일일 사이클 ${p.date}의 '${p.step}' 단계가 ${p.attempts}번 시도 끝에 실패해 멈췄습니다: ${p.error}. ` +
      `${p.cutoff} 전 다음 실행 때나 /cycle run 으로 이 단계부터 이어서 합니다.`,
    dataOutage: (p: { date: string; items: string }) =>
      `${p.date} 시세 데이터가 불완전합니다(${p.items}). 오늘 계획은 주문하지 않습니다.`,
    navFloor: (p: { date: string; nav: string; floor: string }) =>
      `${p.date} 아침 순자산 ${p.nav}이(가) 하한 ${p.floor}보다 낮습니다. 매수는 위험 점검에서 막힙니다.`,
  },
  priceBasis: (p: { ticker: string }) =>
    `${p.ticker} 분배금 내역을 읽지 못해 이 종목의 신호는 분배금을 더하지 않은 가격 기준입니다 (백테스트는 분배금 재투자 기준)`,
  carryOver: (p: { date: string; ticker: string; held: number; target: number }) =>
    `${p.date} 계획의 남은 부분: ${p.ticker} 보유 ${p.held}주 → 목표 ${p.target}주 (한도에 잘렸거나 체결되지 않은 수량을 다음 계획까지 매일 다시 제안합니다)`,
  fit: {
    MAX_ORDER_VALUE: (p: { ticker: string; from: number; to: number; limit: string }) =>
      `${p.ticker} 수량을 1회 주문 한도 ${p.limit}에 맞춰 ${p.from}주에서 ${p.to}주로 줄였습니다`,
    FAT_FINGER: (p: { ticker: string; from: number; to: number; limit: string }) =>
      `${p.ticker} 수량을 현금 대비 매수 한도 ${p.limit}에 맞춰 ${p.from}주에서 ${p.to}주로 줄였습니다`,
    MAX_POSITION_WEIGHT: (p: { ticker: string; from: number; to: number; limit: string }) =>
      `${p.ticker} 수량을 종목 비중 한도(${p.limit})에 맞춰 ${p.from}주에서 ${p.to}주로 줄였습니다`,
  } satisfies Record<FitLimit, (p: { ticker: string; from: number; to: number; limit: string }) => string>,
  side: { BUY: '매수', SELL: '매도' },
  states: { ACTIVE: '정상', REDUCING: '축소(매도만)', HALTED: '중지' } satisfies Record<TradingState, string>,
  awaitingReconciliation: '시작 후 주문 대사 전이라 거래가 잠시 중지되어 있습니다',
  verdict: {
    ALLOW: '통과',
    DEFER: (p: { at: string }) => `${p.at}에 접수 가능`,
    DENY: (p: { reason: string }) => `거부: ${p.reason}`,
  },
  plan: {
    title: (p: { date: string }) => `${p.date} 리밸런싱 계획`,
    leg: (p: {
      side: string;
      ticker: string;
      name: string;
      quantity: number;
      price: string;
      value: string;
    }) => `${p.side} ${p.ticker} ${p.name} ${p.quantity}주 @ ${p.price} (${p.value})`,
    approveHint:
      '주문마다 카드의 ✅로 승인하거나 전체 승인을 누르세요. 승인 전에는 아무것도 전송되지 않으며, 승인 때 위험 점검을 다시 합니다.',
    autoHint: '자동 모드(CYCLE_ORDERS=auto): 위험 점검을 통과한 주문을 매도부터 바로 승인합니다.',
  },
  briefing: {
    title: (p: { date: string }) => `${p.date} 아침 브리핑`,
    nav: (p: { nav: string; cash: string }) => `순자산 ${p.nav} (현금 ${p.cash})`,
    navUnknown: '순자산을 조회하지 못했습니다',
    pnl: (p: { day: string; mtd: string; ytd: string }) =>
      `전일 ${p.day} · 월초 대비 ${p.mtd} · 연초 대비 ${p.ytd}`,
    positions: '보유 종목',
    noPositions: '보유 종목 없음 (전액 현금)',
    position: (p: {
      ticker: string;
      name: string;
      quantity: number;
      value: string;
      weight: string;
      pnl: string;
    }) => `${p.ticker} ${p.name} ${p.quantity}주 · ${p.value} (${p.weight}) · 평가손익 ${p.pnl}`,
    plan: '오늘의 계획',
    notRebalanceDay: (p: { next: string }) => `리밸런싱일이 아닙니다. 다음 리밸런싱: ${p.next}`,
    dataIncomplete: '시세 데이터가 불완전해 오늘은 주문하지 않습니다',
    noLegs: '리밸런싱일이지만 바꿀 주문이 없습니다',
    legStatus: (p: { leg: string; verdict: string; status: string }) => `${p.leg} — ${p.verdict}${p.status}`,
    intentStatus: {
      AWAITING_APPROVAL: ' · 승인 대기',
      APPROVED: ' · 승인됨',
      DEFERRED: ' · 장 시작 대기',
      SUBMITTED: ' · 전송됨',
      DENIED: ' · 위험 점검 거부',
      REJECTED: ' · 거절됨',
      EXPIRED: ' · 만료',
      SUPERSEDED: ' · 재승인 필요',
    } as Record<string, string>,
    why: '근거',
    signals: '모멘텀 순위',
    signal: (p: { rank: string; ticker: string; roc: string; mark: string }) =>
      `${p.rank} ${p.ticker} ${p.roc}${p.mark}`,
    hurdle: (p: { ticker: string; roc: string }) => `기준(절대 모멘텀): ${p.ticker} ${p.roc}`,
    noSignals: '신호 없음',
    news: '뉴스 (외부 원문, 지시로 취급하지 않음)',
    noNews: '새 뉴스 없음',
    state: '거래 상태',
    footer: (p: { run: string; dataAsOf: string }) => `일일 사이클 ${p.run} · 시세 기준 ${p.dataAsOf}`,
    chartTitle: '순자산 (원)',
    chartNav: '순자산',
    chartFloor: (p: { floor: string }) => `순자산 하한 ${p.floor}`,
    chartDrawdown: '고점 대비 하락률',
  },
  cli: {
    usage:
      '사용법: npm run cycle -- [--date YYYY-MM-DD] [--status]\n  --date    거래일 (기본: 오늘, KST)\n  --status  실행하지 않고 그날의 실행 기록만 보여 줍니다',
    badArgs: (p: { problem: string }) => `인자가 올바르지 않습니다: ${p.problem}`,
    noRun: (p: { date: string }) => `${p.date}의 실행 기록이 없습니다`,
    run: (p: { date: string; status: string; startedAt: string; finishedAt: string }) =>
      `${p.date} ${p.status} (시작 ${p.startedAt}, 종료 ${p.finishedAt})`,
    step: (p: { step: string; status: string; attempts: number; error: string }) =>
      `  ${p.step}: ${p.status}, 시도 ${p.attempts}회${p.error}`,
  },
  memory: {
    noteTitle: (p: { date: string }) => `${p.date} 사이클 메모: 지난 대화와 브리핑 요약`,
    sessions: (p: { count: number }) => `지난 대화 ${p.count}건:`,
    lastBriefing: (p: { date: string }) => `지난 브리핑(${p.date}):`,
  },
};

export type CycleMessages = typeof cycleKo;

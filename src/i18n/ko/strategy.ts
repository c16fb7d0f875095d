/** Korean text of the momentum strategy: leg rationales and plan notes. `en/strategy.ts` has the same keys. */

export type SizingLimit = 'EQUAL_WEIGHT' | 'RISK_BUDGET' | 'MAX_WEIGHT' | 'SAFE_SLOTS' | 'CASH_SWEEP';
export type SignalProblem = 'INSUFFICIENT_HISTORY' | 'STALE_DATA' | 'NO_DATA';

const strategyKoProblems: Record<SignalProblem, string> = {
  INSUFFICIENT_HISTORY: '과거 데이터 부족',
  STALE_DATA: '최근 데이터 없음',
  NO_DATA: '데이터 없음',
};

const strategyKoLimits: Record<SizingLimit, string> = {
  EQUAL_WEIGHT: '균등 비중',
  RISK_BUDGET: 'ATR 위험 예산',
  MAX_WEIGHT: '최대 비중 한도',
  SAFE_SLOTS: '빈 슬롯 비중',
  CASH_SWEEP: '현금 스윕',
};

export const strategyKo = {
  cash: '현금',
  momentumPick: (p: { ticker: string; rank: number; roc: string; hurdleName: string; hurdle: string }) =>
    `${p.ticker} 모멘텀 수익률 ${p.roc}, 순위 ${p.rank}위: 기준(${p.hurdleName} ${p.hurdle})을 넘어 보유 대상`,
  rankedOut: (p: { ticker: string; rank: number; roc: string; topN: number }) =>
    `${p.ticker} 모멘텀 수익률 ${p.roc}, 순위 ${p.rank}위: 상위 ${p.topN}개 밖이라 제외`,
  belowHurdle: (p: { ticker: string; rank: number; roc: string; hurdleName: string; hurdle: string }) =>
    `${p.ticker} 모멘텀 수익률 ${p.roc}, 순위 ${p.rank}위: 기준(${p.hurdleName} ${p.hurdle}) 이하라 제외 (절대 모멘텀 필터)`,
  noSignal: (p: { ticker: string; problem: SignalProblem }) =>
    `${p.ticker} 신호 없음(${strategyKoProblems[p.problem]}): 제외`,
  safeSlots: (p: { safe: string; filled: number; empty: number; topN: number; roc: string }) =>
    `기준을 넘는 위험자산이 ${p.filled}개뿐이라 ${p.topN}개 중 남은 ${p.empty}개 슬롯을 안전자산 ${p.safe}(모멘텀 수익률 ${p.roc})에 배정`,
  safeSweep: (p: { safe: string; filled: number; topN: number }) =>
    `위험자산 ${p.filled}/${p.topN}개 슬롯 배정 후 남는 현금(ATR 예산·비중 한도·단주 포함)을 안전자산 ${p.safe}에 배정 (현금 스윕)`,
  safeNotNeeded: (p: { safe: string; topN: number }) =>
    `위험자산이 ${p.topN}개 슬롯을 모두 채워 안전자산 ${p.safe}는 필요 없음`,
  sizing: (p: { targetQuantity: number; heldQuantity: number; weight: string; limit: SizingLimit }) =>
    `목표 ${p.targetQuantity}주(비중 ${p.weight}, ${strategyKoLimits[p.limit]}), 현재 ${p.heldQuantity}주`,
  exitAll: (p: { heldQuantity: number }) => `목표 0주: 보유 ${p.heldQuantity}주 전량 매도`,
  notes: {
    safeAssetUnavailable: (p: { safe: string }) =>
      `안전자산 ${p.safe}의 최근 가격이 없어 빈 슬롯은 현금으로 둡니다`,
    buyReducedForCash: (p: { ticker: string; from: number; to: number }) =>
      `${p.ticker} 매수 수량을 현금 한도에 맞춰 ${p.from}주에서 ${p.to}주로 줄였습니다`,
    legBelowMinimum: (p: { ticker: string; value: string; minimum: string }) =>
      `${p.ticker} 주문 금액 ${p.value}이 최소 거래 금액 ${p.minimum}보다 작아 건너뜁니다`,
    unmanagedHolding: (p: { ticker: string }) =>
      `${p.ticker}는 전략이 관리하지 않는 보유 종목이라 그대로 둡니다`,
    missingPrice: (p: { ticker: string }) => `${p.ticker}의 가격 데이터가 없어 주문을 만들 수 없습니다`,
  },
};

export type StrategyMessages = typeof strategyKo;

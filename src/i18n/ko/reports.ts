/**
 * Texts of the approval scorecard and the P&L reports, shared by the Discord and terminal channels.
 * Korean first; `en/reports.ts` has the same keys.
 */
export const reportsKo = {
  scorecard: {
    title: (period: string) => `승인 성적표 · ${period}`,
    titleFor: (who: string, period: string) => `승인 성적표 · ${who} · ${period}`,
    explain:
      '계획 종목은 전략의 계획대로 했을 때와, 제안은 아무것도 하지 않았을 때와 비교한 원화 효과입니다 (결정 시점 가격 기준, 수수료 제외).',
    overall: '전체',
    nobody: '만료 (아무도 결정 안 함)',
    decisions: (n: number) => `결정 ${n}건`,
    horizon: (h: number, helped: number, hurt: number, net: string, scored: number, total: number) =>
      `${h}거래일 후: 도움 ${helped} / 손해 ${hurt} · 순 ${net}${scored < total ? ` (${scored}/${total}건 확정)` : ''}`,
    notYet: (h: number) => `${h}거래일 후: 아직 종가 없음`,
    asOf: (date: string) => `종가 기준일 ${date}`,
    badPeriod: (input: string) =>
      `"${input}"은(는) 기간이 아닙니다. week · month · year · all · YYYY-MM · YYYY 중 하나로 입력하세요 (기본: month).`,
    unknownPerson: (who: string) => `${who}님은 아직 결정한 기록이 없습니다.`,
    noDecisions: (period: string) => `${period} 기간에 기록된 결정이 없습니다.`,
    noDecisionsFor: (who: string, period: string) => `${who}님은 ${period} 기간에 결정한 기록이 없습니다.`,
    briefing: (decisions: number, helped: number, hurt: number, net: string) =>
      `이번 달 결정 ${decisions}건 · 5거래일 후 도움 ${helped} / 손해 ${hurt} · 순 ${net} (/scorecard)`,
    briefingNone: '이번 달 기록된 결정 없음',
    briefingField: '승인 성적표',
    periodAll: '전체 기간',
  },
  pnl: {
    title: (period: string, base: string, end: string) => `손익 · ${period} (${base} 종가 → ${end} 종가)`,
    titleNew: (period: string, base: string, end: string) =>
      `손익 · ${period} (${base} 장 시작 → ${end} 종가)`,
    nav: (start: string, end: string, total: string, pct: string) =>
      `평가금액 ${start} → ${end} (${total}, ${pct})`,
    split: (realized: string, unrealized: string) => `실현손익 ${realized} · 평가손익 ${unrealized}`,
    other: (other: string) => `기타 ${other} (입출금·배당 등 체결로 설명되지 않는 부분)`,
    costs: (fees: string, taxes: string, buys: number, sells: number) =>
      `수수료 ${fees} · 세금 ${taxes} (알려진 것만) · 체결 매수 ${buys}건 / 매도 ${sells}건`,
    benchmark: (pct: string, krw: string, excess: string) =>
      `KODEX 200(069500) ${pct}: 같은 금액이면 ${krw} → 초과 ${excess}`,
    noBenchmark: 'KODEX 200(069500) 종가를 읽지 못해 비교하지 못했습니다.',
    badPeriod: (input: string) =>
      `"${input}"은(는) 기간이 아닙니다. day · week · month · year 중 하나로 입력하세요 (기본: day).`,
    noData: (period: string) =>
      `${period} 기간의 종가 기록(NAV 스냅샷)이 없습니다. 장 마감 후 스냅샷이 쌓이면 볼 수 있습니다.`,
  },
  backtest: {
    running: '백테스트를 실행합니다… (수 초 걸립니다)',
    title: (months: number, from: string, to: string) => `백테스트 · 최근 ${months}개월 (${from} → ${to})`,
    strategy: '이 데스크의 전략',
    nav: (capital: string, final: string, afterTax: string) =>
      `${capital} → ${final} (매도 후 세후 ${afterTax})`,
    returns: (cagr: string, afterTax: string, mdd: string, sharpe: string) =>
      `연환산 ${cagr} · 세후 ${afterTax} · 최대낙폭 ${mdd} · 샤프 ${sharpe}`,
    activity: (trades: number, clipped: number, carried: number, abandoned: number, cash: string) =>
      `체결 ${trades}건 · 한도로 줄인 주문 ${clipped} · 다음 날로 이월 ${carried} · 포기 ${abandoned} · 평균 현금 ${cash}`,
    benchmark: (ticker: string) => `KODEX 200 (${ticker}) 보유`,
    benchmarkLine: (cagr: string, mdd: string, final: string) =>
      `연환산 ${cagr} · 최대낙폭 ${mdd} · 최종 ${final}`,
    settings: (top: number, lookback: number, skip: number, cap: string, sweep: boolean) =>
      `설정: 상위 ${top}개 · 모멘텀 ${lookback}일(최근 ${skip}일 제외) · 종목당 최대 ${cap} · 남는 현금 ${sweep ? '안전자산으로' : '현금으로'}`,
    footer:
      '실거래 사이클과 같은 엔진·한도·체결 모델로 계산한 과거 성과이며, 미래 수익을 보장하지 않습니다. 세후는 과세 계좌 기준입니다.',
    invalid: (fields: string) => `입력을 확인하세요: ${fields}. 아무것도 실행하지 않았습니다.`,
    months: (max: number) => `기간은 1–${max}개월 사이의 정수`,
    capital: (min: string, max: string) => `자본은 ${min}–${max} 사이의 정수(원)`,
    noData: '요청한 기간에 해당하는 가격 데이터가 없습니다.',
    notConfigured: '이 데스크에서는 백테스트를 실행할 수 없습니다.',
    failed: (error: string) => `백테스트를 실행하지 못했습니다: ${error}`,
  },
};

export type ReportsCatalog = typeof reportsKo;

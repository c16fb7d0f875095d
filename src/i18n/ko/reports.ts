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
};

export type ReportsCatalog = typeof reportsKo;

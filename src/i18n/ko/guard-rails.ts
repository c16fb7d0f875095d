/**
 * Texts of the guard rails (KIS maintenance windows, the pre-open canary, the approval scorecard, P&L), shared
 * by the Discord and terminal channels. Korean first; `en/guard-rails.ts` has the same keys.
 */
import type { BlackoutProblem } from '../../domain/blackout';

interface CanaryLine {
  at: string;
  attempts: number;
  reason: string;
}

export const guardRailsKo = {
  statusTitle: '점검 시간 · 개장 전 점검',
  blackout: {
    title: 'KIS 점검 시간',
    daily: (label: string) => `매일 ${label} (KST, 설정 ORDER_BLACKOUT_WINDOWS_KST)`,
    noDaily: '매일 반복되는 점검 시간 없음',
    adhoc: (id: number, range: string, reason: string, by: string) =>
      `#${id} ${range}${reason ? ` · ${reason}` : ''} · 추가: ${by}`,
    noAdhoc: '추가된 점검 시간 없음',
    active: (until: string, windows: string) =>
      `⏸ 지금 점검 중(${windows}): ${until}까지 주문을 보내지 않습니다.`,
    none: '지금은 점검 시간이 아닙니다.',
    explain: '점검 시간에 승인된 주문은 보류되고, 끝나면 최신 시세로 다시 점검해 보냅니다.',
    added: (id: number, range: string) =>
      `점검 시간 #${id}을(를) 추가했습니다: ${range}. 이 시간에는 주문을 보내지 않고 보류합니다.`,
    removed: (id: number, range: string) => `점검 시간 #${id}(${range})을(를) 지웠습니다.`,
    notAllowed: '점검 시간은 승인 권한이 있는 사람만 바꿀 수 있습니다.',
    usage:
      '사용법: /blackout add <시작> <끝> [사유] · /blackout list · /blackout remove <번호> (시각: YYYY-MM-DD HH:MM 또는 HH:MM, KST)',
    problem: (p: BlackoutProblem): string => {
      switch (p.code) {
        case 'FORMAT':
          return `"${p.input}"은(는) 시각 형식이 아닙니다. YYYY-MM-DD HH:MM 또는 HH:MM(KST)으로 입력하세요.`;
        case 'EMPTY_WINDOW':
          return `"${p.window}"은(는) 시작과 끝이 같습니다.`;
        case 'OVERLAP':
          return `${p.second}이(가) 이미 있는 점검 시간 ${p.first}과(와) 겹칩니다. 바꾸려면 먼저 지우세요.`;
        case 'TOO_LONG':
          return `점검 시간은 24시간을 넘을 수 없습니다(${p.window}). 나누어 추가하세요.`;
        case 'END_NOT_AFTER_START':
          return '끝 시각이 시작 시각보다 뒤여야 합니다.';
        case 'IN_THE_PAST':
          return '이미 끝난 시간입니다.';
        case 'REASON_TOO_LONG':
          return `사유는 ${p.max}자까지 쓸 수 있습니다.`;
        case 'TOO_MANY':
          return `예정된 점검 시간이 이미 ${p.max}개입니다. 지난 것이나 필요 없는 것을 지우세요.`;
        case 'NOT_FOUND':
          return `점검 시간 ${p.id}을(를) 찾을 수 없습니다(/blackout list 참고).`;
      }
    },
  },
  canary: {
    PASSED: (c: CanaryLine) => `✅ 개장 전 점검 통과 (${c.at}, ${c.attempts}회째)`,
    FAILED: (c: CanaryLine) =>
      `❌ 개장 전 점검 실패 (${c.at}, ${c.attempts}회째): ${c.reason} — 사이클 보류, 재시도 중`,
    SKIPPED: (c: CanaryLine) => `⏭ 개장 전 점검이 마감까지 통과하지 못해 오늘 사이클을 건너뜀: ${c.reason}`,
  },
  reapproval: {
    blackoutDrift: (from: string, to: string, bp: string) =>
      `점검 시간 동안 가격이 ${from}에서 ${to}(으)로 ${bp} 움직여 다시 승인이 필요합니다.`,
  },
};

export type GuardRailsCatalog = typeof guardRailsKo;

/** Text printed by `npm run sim` (the KIS simulator CLI). `en/sim.ts` has the same keys. */
export interface SimCatalog {
  running: string;
  endpoint: (label: string, rest: string, ws: string) => string;
  real: string;
  paper: string;
  accountsHeading: string;
  account: (environment: string, account: string, htsId: string, cash: string) => string;
  keys: (appKey: string, appSecret: string) => string;
  control: (url: string) => string;
  clock: (now: string, frozen: boolean) => string;
  stop: string;
  stopping: string;
  badArguments: (detail: string) => string;
  usage: string;
}

export const simKo: SimCatalog = {
  running: 'KIS 시뮬레이터가 실행 중입니다.',
  endpoint: (label, rest, ws) => `  ${label}  REST ${rest}   WebSocket ${ws}`,
  real: '실전(real) ',
  paper: '모의(paper)',
  accountsHeading: '계좌 (시뮬레이터 전용 가짜 키입니다. 실제 KIS에서는 동작하지 않습니다):',
  account: (environment, account, htsId, cash) =>
    `  - ${environment} 계좌 ${account}  HTS ID ${htsId}  예수금 ${cash}`,
  keys: (appKey, appSecret) => `      appkey    ${appKey}\n      appsecret ${appSecret}`,
  control: (url) =>
    `제어 API: ${url}/__sim  (GET 으로 목록, 예: POST /__sim/faults, GET /__sim/orders, POST /__sim/time)`,
  clock: (now, frozen) =>
    `시계: ${now} ${frozen ? '(정지됨: POST /__sim/time 으로 움직입니다)' : '(실시간으로 흐릅니다)'}`,
  stop: 'Ctrl+C 로 종료합니다.',
  stopping: '시뮬레이터를 종료합니다…',
  badArguments: (detail) => `잘못된 인자입니다: ${detail}`,
  usage: [
    '사용법: npm run sim -- [옵션]',
    '  --port-real <포트>    실전 호스트 포트 (기본 9443)',
    '  --port-paper <포트>   모의 호스트 포트 (기본 29443)',
    '  --host <주소>         기본 127.0.0.1',
    '  --seed <정수>         가격 경로 시드',
    '  --start <ISO 시각>    시계 시작 시각 (예: 2026-09-01T09:00:00+09:00)',
    '  --frozen              시계를 멈춘 채 시작 (POST /__sim/time 으로 이동)',
    '  --rate-real <n>       실전 초당 요청 한도 (기본 18)',
    '  --rate-paper <n>      모의 초당 요청 한도 (기본 1)',
  ].join('\n'),
};

/** What `npm run cycle` prints beyond the cycle's own `cli` messages. Korean first; `en/cycle-cli.ts` has the same keys. */

export const cycleCliKo = {
  /** Printed before the configuration (and so the locale) is known: both languages. */
  configError: (p: { problem: string }) => `설정 오류 / configuration error\n${p.problem}`,
  cycleDisabled: 'CYCLE_ENABLED=false: 일일 사이클이 꺼져 있어 실행할 것이 없습니다.',
  logsAt: (p: { file: string }) => `로그: ${p.file}`,
  closedDay: (p: { date: string; reason: string }) =>
    `${p.date}은(는) KRX 휴장일(${p.reason})이라 사이클 실행이 없습니다.`,
  futureDate: (p: { date: string; today: string }) =>
    `${p.date}은(는) 아직 오지 않은 날입니다(오늘 ${p.today}). 그날의 사이클은 그날 실행됩니다.`,
  alreadyCompleted: (p: { date: string }) =>
    `${p.date}의 사이클은 이미 완료되었습니다. 거래일마다 한 번만 실행하므로 다시 실행하지 않습니다.`,
  reconciling: '증권사 주문·잔고와 대조하는 중… (끝날 때까지 거래는 중지 상태입니다)',
  reconcileFailed: (p: { attempts: number }) =>
    `증권사와의 대조가 ${p.attempts}번 시도에도 끝나지 않아 거래가 중지(HALTED) 상태입니다. 사이클을 실행하지 않았습니다.`,
  pastDate: (p: { date: string; now: string }) =>
    `주의: ${p.date}은(는) 지난 날짜입니다. 실행은 지금(${p.now} KST)의 시세와 잔고를 쓰며, 주문은 지금의 장 운영 규칙에 따라서만 제안·전송됩니다(장 밖이면 보류되고, 그날 것이므로 곧 만료됩니다).`,
  runningElsewhere: (p: { date: string }) => `${p.date}의 사이클은 다른 프로세스에서 실행 중입니다.`,
  handedToDesk: (p: { date: string }) =>
    `실행 중인 데스크가 같은 데이터베이스에 있어 ${p.date}의 사이클을 데스크의 작업 큐에 넘겼습니다. 끝날 때까지 기다립니다…`,
  desksRetry: (p: { date: string }) =>
    `${p.date}의 사이클이 실패했습니다. 데스크가 작업 큐의 재시도 규칙에 따라 이어서 다시 시도합니다.`,
  skipped: (p: { date: string }) =>
    `${p.date}의 사이클을 시작하지 않았습니다: 당일 실행 마감 시각(CYCLE_CATCHUP_CUTOFF)이 지났습니다.`,
  deferredHint:
    '장 시작을 기다리는 주문과 승인을 기다리는 주문은 실행 중인 데스크(npm start)가 처리합니다. 이 명령은 실행 후 종료됩니다.',
};

export type CycleCliMessages = typeof cycleCliKo;

/** What the terminal channel prints. Korean first; `en/console.ts` has the same keys. */

const won = (value: number) => `${value.toLocaleString('en-US')}원`;

export const consoleKo = {
  welcome: (badge: string) =>
    `kis-desk 터미널 ${badge} — /help 로 명령을 봅니다. 질문을 입력하면 상담을 시작합니다.`,
  help: [
    '명령:',
    '  /trade <질문>      새 상담을 시작합니다',
    '  <문장>             현재 상담에 이어서 묻습니다',
    '  y / n              방금 본 주문 제안을 승인 / 거절합니다',
    '  /approve <번호>    제안 카드 번호로 승인합니다',
    '  /reject <번호>     제안 카드 번호로 거절합니다',
    '  /portfolio         잔고와 평가금액',
    '  /status            거래 상태, 미체결 주문, 대기 제안, 모델',
    '  /orders            미체결 주문 (번호와 함께)',
    '  /cancel <번호>     /orders의 번호로 주문 취소 (증권사가 확인해야 취소로 표시)',
    '  /stop              모든 매매 정지 (HALTED)',
    '  /stopentry         신규 매수 중단 (REDUCING)',
    '  /resume            정상 매매 재개 (ACTIVE)',
    '  /cycle run | last  일일 사이클 실행 / 최근 결과',
    '  /memory [검색어]   기억 보기 (검색어가 없으면 최근)',
    '  /memory forget <ID> 기억 하나 지우기',
    '  /blackout list     KIS 점검 시간 (주문을 보내지 않는 시간)',
    '  /blackout add <시작> <끝> [사유]  점검 시간 추가 (시각: YYYY-MM-DD HH:MM 또는 HH:MM, KST)',
    '  /blackout remove <번호>  추가한 점검 시간 지우기',
    '  /scorecard [me|@ID] [기간]  승인 성적표 (기간: week·month·year·all·YYYY-MM, 기본 month)',
    '  /pnl [기간]        손익 (기간: day·week·month·year, 기본 day; KODEX 200 대비)',
    '  /backtest [개월] [자본]  이 데스크의 전략 백테스트 (기본 24개월, 1,000,000원)',
    '  /watch list        장중 감시 종목 (현재가, 조건까지의 거리)',
    '  /watch add <종목코드> [조건 …] [stopLossPct=5 …]  감시 추가 · /watch remove <종목코드> 감시 해제',
    '  /quit              종료',
  ].join('\n'),
  you: '나',
  desk: '데스크',
  offline: '(오프라인 플래너)',
  sources: '출처',
  citeKis: (call: string, at: string) => `KIS ${call} · ${at}`,
  citeMemory: (id: string, date: string) => `기억 ${id} · ${date}`,
  citeNews: (title: string, url: string) => `뉴스 ${title} · ${url}`,
  usage: {
    trade: '사용법: /trade <질문>',
    approve: '사용법: /approve <카드 번호>',
    reject: '사용법: /reject <카드 번호>',
    cycle: '사용법: /cycle run 또는 /cycle last',
    forget: '사용법: /memory forget <ID>',
    blackout:
      '사용법: /blackout list · /blackout add <시작> <끝> [사유] · /blackout remove <번호> (시각: YYYY-MM-DD HH:MM 또는 HH:MM, KST)',
    scorecard: '사용법: /scorecard [me | @사람ID] [week | month | year | all | YYYY-MM | YYYY]',
    backtest: '사용법: /backtest [개월 1–120] [자본(원)]',
    pnl: '사용법: /pnl [day | week | month | year]',
    cancel: '사용법: /cancel <번호> (번호는 /orders 에서 확인)',
    watch: '사용법: /watch list · /watch add <종목코드> [조건 …] [기준=값 …] · /watch remove <종목코드>',
  },
  unknownCommand: (name: string) => `알 수 없는 명령: ${name} (/help 참고)`,
  noCard: (n: number) => `카드 #${n}이(가) 없습니다.`,
  noPendingCard: '승인할 제안이 없습니다. /approve <번호>를 쓰세요.',
  card: {
    title: (n: number, badge: string) => `주문 제안 #${n}  ${badge}`,
    line: (p: { ticker: string; name: string; side: string; quantity: number; orderType: string }) =>
      `${p.ticker} ${p.name} · ${p.side} ${p.quantity.toLocaleString('en-US')}주 · ${p.orderType}`,
    sides: { BUY: '매수', SELL: '매도' } as Record<'BUY' | 'SELL', string>,
    limit: '지정가',
    market: '시장가',
    price: (price: number | null, market: boolean) =>
      price === null ? '가격 —' : market ? `가격 ${won(price)} (현재가 기준)` : `가격 ${won(price)}`,
    value: (value: number | null) => (value === null ? '예상 금액 —' : `예상 금액 ${won(value)}`),
    precheck: {
      ALLOW: '사전 점검 통과 — 승인하면 최신 데이터로 다시 점검한 뒤 주문합니다.',
      DENY: '사전 점검에서 거부되어 승인할 수 없습니다.',
      DEFER: (until: string) => `지금은 접수되지 않습니다. 승인하면 ${until}에 다시 점검합니다.`,
    },
    expires: (at: string) => `승인 마감 ${at}`,
    rationale: (text: string) => `근거: ${text}`,
    prompt: (n: number) => `승인하려면 y, 거절하려면 n (또는 /approve ${n}, /reject ${n})`,
  },
  badge: { PAPER: '[PAPER 모의투자]', LIVE: '[LIVE 실전투자]', SIM: '[SIM 시뮬레이터]' },
  approval: {
    submitted: (orderNumber: string) => `주문 전송됨 · 주문번호 ${orderNumber}`,
    submittedRejected: (message: string) => `증권사가 주문을 거부했습니다: ${message}`,
    submittedUnknown: '주문 결과 확인 중 — 재전송하지 않고 체결 조회로 확인합니다.',
    deferred: (at: string) => `승인됨 · ${at}에 다시 점검하고 접수합니다.`,
    denied: (reason: string) => `리스크 점검 거부: ${reason}`,
    needsReapproval: (reason: string) => `다시 승인해야 합니다: ${reason}. 새 카드를 확인하세요.`,
    notApproved: '승인된 상태가 아니어서 전송하지 않았습니다.',
    notAllowed: '승인 권한이 없습니다.',
    notFound: '제안을 찾을 수 없습니다.',
    expired: '승인 시간이 지나 만료되었습니다.',
    alreadyDecided: (status: string) => `이미 처리된 제안입니다 (${status}).`,
    awaitingSecond: '승인 1/2을 기록했습니다. 다른 승인자의 승인이 있어야 전송됩니다.',
    sameApprover: '이미 승인하셨습니다. 다른 승인자의 승인이 필요합니다. 아무것도 전송하지 않았습니다.',
    rejected: '거절했습니다. 아무것도 전송하지 않았습니다.',
  },
  events: {
    fill: (p: { ticker: string; quantity: number; price: number }) =>
      `체결: ${p.ticker} ${p.quantity.toLocaleString('en-US')}주 @ ${won(p.price)}`,
    accepted: (p: { ticker: string; orderNumber: string }) =>
      `주문 접수: ${p.ticker} · 주문번호 ${p.orderNumber}`,
    orderStatus: (p: { ticker: string; status: string; detail: string }) =>
      `주문 ${p.status}: ${p.ticker}${p.detail ? ` · ${p.detail}` : ''}`,
    cardExpired: (n: number) => `주문 제안 #${n}이(가) 만료되었습니다.`,
    tradingState: (p: { from: string; to: string; reason: string }) =>
      `거래 상태: ${p.from} → ${p.to} (${p.reason})`,
    alert: (p: { severity: string; message: string }) => `알림[${p.severity}]: ${p.message}`,
  },
  portfolio: {
    title: (asOf: string, badge: string) => `포트폴리오 ${badge} · ${asOf}`,
    totals: (p: { cash: number; securities: number; nav: number }) =>
      `현금 ${won(p.cash)} · 평가 ${won(p.securities)} · 총 ${won(p.nav)}`,
    dayPnl: (value: number | null) => (value === null ? '오늘 손익 —' : `오늘 손익 ${won(value)}`),
    position: (p: {
      ticker: string;
      name: string;
      quantity: number;
      price: number;
      value: number;
      pnl: number;
      weight: string;
    }) =>
      `  ${p.ticker} ${p.name} ${p.quantity.toLocaleString('en-US')}주 × ${won(p.price)} = ${won(p.value)} (손익 ${won(p.pnl)}, 비중 ${p.weight})`,
    empty: '  보유 종목 없음',
  },
  status: {
    state: (state: string, reason: string | null) => `거래 상태: ${state}${reason ? ` (${reason})` : ''}`,
    reconciling: '시작 후 대사가 끝날 때까지 매매가 멈춰 있습니다.',
    openOrders: (n: number) => `미체결 주문 ${n}건`,
    pendingIntents: (n: number) => `승인 대기 제안 ${n}건`,
    model: (id: string, offline: boolean, left: number | null) =>
      `모델: ${id}${offline ? ' (오프라인)' : ''}${left === null ? '' : ` · 오늘 남은 예산 ${(left / 100).toFixed(2)}달러`}`,
    lastCycle: (date: string, status: string) => `최근 사이클: ${date} ${status}`,
    noCycle: '최근 사이클: 없음',
  },
  tradingCommand: (changed: boolean, state: string) =>
    changed ? `거래 상태를 ${state}(으)로 바꿨습니다.` : `이미 ${state} 상태입니다.`,
  cycle: {
    summary: (p: { date: string; status: string }) => `일일 사이클 ${p.date}: ${p.status}`,
    step: (p: { step: string; status: string; attempts: number; error: string | null }) =>
      `  ${p.step}: ${p.status} (시도 ${p.attempts})${p.error ? ` — ${p.error}` : ''}`,
    none: '아직 실행된 일일 사이클이 없습니다.',
  },
  memory: {
    empty: '기억이 없습니다.',
    item: (p: { id: string; kind: string; date: string; content: string }) =>
      `  [${p.id}] ${p.kind} · ${p.date}\n    ${p.content}`,
    forgotten: (id: string) => `기억 ${id}을(를) 지웠습니다.`,
    notFound: (id: string) => `기억 ${id}을(를) 찾지 못했습니다.`,
  },
  failed: '요청을 처리하지 못했습니다. 잠시 후 다시 시도하세요.',
  bye: '종료합니다.',
};

export type ConsoleMessages = typeof consoleKo;

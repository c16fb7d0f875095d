/**
 * Everything the Discord channel says to people: cards, ephemeral answers, embeds and thread follow-ups.
 * Korean is the product's first language; src/i18n/en/discord.ts has the same keys.
 * Discord limits that matter here: modal title ≤ 45, text-input label ≤ 45, button label ≤ 80 characters.
 */
export const discordKo = {
  badge: {
    PAPER: '🧪 PAPER · 모의투자',
    LIVE: '🔴 LIVE · 실전투자',
    SIM: '🧩 SIM · 시뮬레이터',
  },
  denial: {
    wrongGuild: '이 서버에서는 kis-desk를 쓸 수 없습니다.',
    wrongChannel: (channelId: string) => `이 명령은 <#${channelId}> 채널에서만 쓸 수 있습니다.`,
    notApprover: '권한이 없습니다. 승인자로 등록된 사람만 할 수 있습니다.',
    unknownComponent: '알 수 없는 버튼입니다. 오래된 카드일 수 있습니다.',
    unknownCommand: '알 수 없는 명령입니다. 명령 목록이 갱신되지 않았을 수 있습니다.',
    failed: '요청을 처리하지 못했습니다. 잠시 후 다시 시도하세요.',
    missingPermission: (permission: string, channelId: string | null) =>
      `봇에 ${channelId ? `<#${channelId}>의 ` : ''}'${permission}' 권한이 없어 처리하지 못했습니다. 서버 관리자에게 권한을 요청하세요.`,
  },
  permissions: {
    SendMessages: '메시지 보내기 (스레드에서는 스레드에서 메시지 보내기)',
    SendMessagesInThreads: '스레드에서 메시지 보내기',
    CreatePublicThreads: '공개 스레드 만들기',
    ManageThreads: '스레드 관리',
    EmbedLinks: '링크 첨부',
    AttachFiles: '파일 첨부',
  },
  trade: {
    modalTitle: '매매 상담',
    questionLabel: '질문',
    questionDescription: '무엇이든 물어보세요. 주문은 카드의 ✅ 승인 후에만 나갑니다.',
    questionPlaceholder: '예: KODEX 200을 10만원어치 사도 될까?',
    tickerLabel: '종목 (선택)',
    tickerDescription: '6자리 종목 코드 또는 이름',
    tickerPlaceholder: '069500',
    defaultThreadName: '매매 상담',
    invalidQuestion: '질문을 1~1000자로 적어 주세요.',
    working: '스레드를 만들고 답을 준비하고 있습니다…',
    threadOpened: (threadId: string) => `스레드를 열었습니다: <#${threadId}>`,
    answerFailed: '답을 만들지 못했습니다. 이 스레드에 다시 질문해 주세요.',
    threadFailed: '스레드를 만들지 못했습니다. 봇 권한(공개 스레드 만들기)을 확인하세요.',
    offline: '오프라인 플래너가 답했습니다 (언어 모델 미사용).',
    answerAsFile: (file: string) => `답변이 길어 전체 내용을 파일로 첨부합니다: ${file}`,
    sources: '출처',
    noSuggestions: '일치하는 종목이 없습니다',
  },
  card: {
    title: (side: string, ticker: string, name: string) => `${side} 제안 · ${ticker} ${name}`.trim(),
    ticker: '종목',
    side: '구분',
    quantity: '수량',
    shares: (quantity: number) => `${quantity.toLocaleString('en-US')}주`,
    price: '가격',
    limitPrice: (price: string) => `${price} (지정가)`,
    marketPrice: '시장가',
    marketReference: (price: string) => `시장가 (현재가 ${price})`,
    estimatedValue: '예상 금액',
    notAvailable: '—',
    expires: '승인 마감',
    rationale: '근거',
    checks: '리스크 점검',
    status: '상태',
    footer: (intentId: string) => `제안 ID ${intentId}`,
    approversCalled: (mentions: string) => `${mentions} 승인 요청입니다.`,
    approve: '승인',
    reject: '거절',
    approvals: '승인자',
    firstOfTwo: (approver: string) => `1/2 승인 · ${approver} — 다른 승인자의 ✅가 있어야 전송됩니다`,
    bothApproved: (first: string, second: string) => `2/2 승인 · ${first}, ${second}`,
    precheck: {
      ALLOW: '✅ 사전 점검 통과 — 승인하면 최신 데이터로 다시 점검한 뒤 주문합니다.',
      DENY: '❌ 사전 점검에서 거부되어 승인할 수 없습니다.',
      DEFER: (until: string) => `⏸ 지금은 접수되지 않습니다. 승인하면 ${until}에 다시 점검한 뒤 주문합니다.`,
    },
    planTitle: (title: string) => `📋 ${title}`,
  },
  cardStatus: {
    submitted: (orderNumber: string, approver: string) =>
      `✅ 주문 전송 · 주문번호 ${orderNumber} · 승인 ${approver}`,
    submittedRejected: (message: string, approver: string) =>
      `❌ 증권사가 주문을 거부했습니다: ${message} · 승인 ${approver}`,
    submittedUnknown: (approver: string) =>
      `⚠️ 주문 결과 확인 중 — 재전송하지 않고 체결 조회로 확인합니다 · 승인 ${approver}`,
    deferred: (at: string, approver: string) =>
      `⏸ 승인됨 · ${at}에 다시 점검하고 접수합니다 · 승인 ${approver}`,
    denied: (reason: string) => `❌ 리스크 점검 거부: ${reason}`,
    needsReapproval: (reason: string) => `🔁 다시 승인해야 합니다: ${reason}. 아래 새 카드를 확인하세요.`,
    rejected: (by: string) => `✖️ 거절됨 · ${by}`,
    expired: '⌛ 승인 시간이 지나 만료되었습니다.',
    closed: '이 제안은 더 이상 승인할 수 없습니다.',
    partlyFilled: (orderNumber: string, filled: number, total: number, approver: string) =>
      `🟡 일부 체결 ${filled.toLocaleString('en-US')}/${total.toLocaleString('en-US')}주 · 주문번호 ${orderNumber} · 승인 ${approver}`,
    filled: (orderNumber: string, total: number, approver: string) =>
      `🟢 전량 체결 ${total.toLocaleString('en-US')}주 · 주문번호 ${orderNumber} · 승인 ${approver}`,
    cancelled: (orderNumber: string, filled: number, total: number) =>
      `🚫 취소됨 (증권사 확인) · 체결 ${filled.toLocaleString('en-US')}/${total.toLocaleString('en-US')}주 · 주문번호 ${orderNumber}`,
    orderExpired: (filled: number, total: number) =>
      `⌛ 장 마감으로 잔량 소멸 · 체결 ${filled.toLocaleString('en-US')}/${total.toLocaleString('en-US')}주`,
  },
  reapprovalReason: {
    priceMoved: (from: string, to: string) =>
      `시장가 주문의 가격이 ${from}에서 ${to}(으)로 크게 움직였습니다`,
  },
  click: {
    notFound: '이 제안을 찾을 수 없습니다.',
    expired: '⌛ 이 제안은 만료되어 승인할 수 없습니다. 새로 요청해 주세요.',
    alreadyDecided: {
      AWAITING_APPROVAL: '이 제안은 이미 처리 중입니다.',
      APPROVED: '이미 승인된 제안입니다 (처리 중).',
      DEFERRED: '이미 승인되어 장 시작을 기다리는 제안입니다.',
      SUBMITTED: '이미 승인되어 주문이 나간 제안입니다.',
      DENIED: '리스크 점검에서 거부된 제안입니다.',
      REJECTED: '이미 거절된 제안입니다.',
      EXPIRED: '⌛ 이미 만료된 제안입니다.',
      SUPERSEDED: '새 카드로 대체된 제안입니다. 새 카드에서 승인하세요.',
    },
    notApproved: '승인 처리를 끝내지 못했습니다. 상태를 확인해 주세요.',
    firstOfTwo: '승인 1/2을 기록했습니다. 다른 승인자가 ✅를 눌러야 주문이 나갑니다.',
    sameApprover: '이미 승인하셨습니다. 다른 승인자의 ✅가 필요합니다. 아무것도 전송하지 않았습니다.',
    approveAll: '전체 승인',
    planApproved: (total: number, submitted: number, deferred: number, other: number) =>
      total === 0
        ? '승인을 기다리는 항목이 없습니다.'
        : `${total}건 승인 처리: 주문 ${submitted}건, 장 시작 대기 ${deferred}건, 그 밖 ${other}건 (카드에서 각각 확인)`,
  },
  confirm: {
    title: '🔴 실전 주문 확인',
    quantityLabel: '확인: 주문 수량(주)을 입력하세요',
    quantityDescription: (ticker: string, side: string) =>
      `${ticker} ${side} — 카드의 수량을 숫자로 입력하면 승인됩니다. 실제 돈이 움직입니다.`,
    planLabel: '확인: 전체 수량 합계(주)를 입력하세요',
    planDescription: (legs: number) =>
      `승인 대기 ${legs}건의 수량 합계를 입력하면 모두 승인됩니다. 실제 돈이 움직입니다.`,
    placeholder: '예: 3',
    notANumber: '수량은 1 이상의 정수로 입력해 주세요. 아무것도 전송하지 않았습니다.',
    mismatch: (typed: number, expected: number) =>
      `입력한 수량 ${typed.toLocaleString('en-US')}주가 주문 수량 ${expected.toLocaleString('en-US')}주와 다릅니다. 아무것도 전송하지 않았습니다.`,
    planMismatch: (typed: number, expected: number) =>
      `입력한 합계 ${typed.toLocaleString('en-US')}주가 승인 대기 수량 합계 ${expected.toLocaleString('en-US')}주와 다릅니다. 아무것도 전송하지 않았습니다.`,
  },
  order: {
    accepted: (ticker: string, side: string, quantity: number, orderNumber: string) =>
      `📨 주문 접수: ${ticker} ${side} ${quantity.toLocaleString('en-US')}주 · 주문번호 ${orderNumber}`,
    fill: (quantity: number, price: string, filled: number, total: number) =>
      `🟢 체결: ${quantity.toLocaleString('en-US')}주 @ ${price} (누적 ${filled.toLocaleString('en-US')}/${total.toLocaleString('en-US')}주)`,
    filled: (filled: number, amount: string) =>
      `🟢 전량 체결: ${filled.toLocaleString('en-US')}주, ${amount}`,
    rejected: (message: string) => `❌ 주문 거부: ${message}`,
    unknown: '⚠️ 주문 결과를 알 수 없습니다. 재전송하지 않고 체결 조회로 확인합니다.',
    cancelled: (filled: number, total: number) => `🚫 주문 취소 (체결 ${filled}/${total}주)`,
    expired: (filled: number, total: number) =>
      `⌛ 장 마감으로 미체결 잔량이 소멸했습니다 (체결 ${filled}/${total}주)`,
  },
  tradingState: {
    title: '매매 상태',
    changed: (from: string, to: string) => `매매 상태: ${from} → ${to}`,
    setTo: (state: string) => `매매 상태를 ${state}(으)로 바꿨습니다.`,
    unchanged: (state: string) => `이미 ${state} 상태입니다.`,
    reason: '사유',
    actor: '변경한 사람',
  },
  portfolio: {
    title: '포트폴리오',
    cash: '현금',
    securities: '주식 평가금액',
    nav: '순자산',
    dayPnl: '오늘 손익',
    realizedPnl: '실현 손익',
    fees: '누적 수수료',
    positions: '보유 종목',
    noPositions: '보유 종목이 없습니다.',
    position: (ticker: string, name: string, quantity: number, value: string, pnl: string, weight: string) =>
      `**${ticker} ${name}** ${quantity.toLocaleString('en-US')}주 · ${value} · 손익 ${pnl} · 비중 ${weight}`,
    asOf: (at: string) => `기준 ${at}`,
  },
  status: {
    title: '데스크 상태',
    tradingState: '매매 상태',
    reconciling: '시작 대사(reconciliation) 중 — 끝날 때까지 매매가 멈춥니다',
    since: '변경',
    openOrders: '미체결 주문',
    pendingIntents: '승인 대기 제안',
    none: '없음',
    lastCycle: '최근 일일 사이클',
    model: '모델',
    offlineModel: '오프라인 플래너',
    budgetLeft: (cents: number) => `남은 예산 $${(cents / 100).toFixed(2)}`,
    recentAlerts: '최근 경보',
    market: 'KRX 장 상태',
    session: { OPEN: '🟢 장 열림', PRE_OPEN: '🟡 개장 전', CLOSED: '⚪ 장 마감', HOLIDAY: '⚪ 휴장일' },
    closedBecause: (reason: string) => (reason === 'weekend' ? '주말' : reason),
    nextOpen: (date: string, time: string) => `다음 개장 ${date} ${time} KST`,
    connections: '연결 상태',
    connection: {
      kisRest: 'KIS REST',
      kisWebsocket: 'KIS 웹소켓',
      discordGateway: 'Discord 게이트웨이',
      database: '데이터베이스',
      model: '모델',
    },
    connectionMark: { ok: '✅', down: '❌', offline: '⚪', unknown: '❔' },
    tokenUntil: (at: string) => `토큰 유효 (~ ${at})`,
    connected: '연결됨',
    disconnected: '끊김',
    notChecked: '확인하지 않음',
    down: '응답 없음',
    gatewayPing: (ms: number) => `연결됨 · 지연 ${ms} ms`,
    orderLine: (ticker: string, side: string, quantity: number, status: string) =>
      `${ticker} ${side} ${quantity.toLocaleString('en-US')}주 · ${status}`,
    intentLine: (ticker: string, side: string, quantity: number, expires: string) =>
      `${ticker} ${side} ${quantity.toLocaleString('en-US')}주 · 마감 ${expires}`,
  },
  memory: {
    title: '기억',
    empty: '기억이 없습니다.',
    searched: (query: string) => `검색어: ${query}`,
    forgotten: (id: string) => `기억 ${id}을(를) 지웠습니다.`,
    notFound: (id: string) => `기억 ${id}을(를) 찾지 못했습니다.`,
  },
  cycle: {
    title: '일일 사이클',
    none: '아직 실행된 일일 사이클이 없습니다.',
    started: (at: string) => `시작 ${at}`,
    finished: (at: string) => `종료 ${at}`,
    running: '실행 중',
    step: (icon: string, step: string, status: string, attempts: number) =>
      `${icon} ${step} — ${status}${attempts > 1 ? ` (시도 ${attempts}회)` : ''}`,
  },
  help: {
    title: 'kis-desk 도움말',
    description:
      '한국투자증권 계좌의 ETF 매매 데스크입니다. 주문은 언제나 카드의 ✅ 승인 버튼을 승인자가 눌러야 나갑니다.',
    approverOnly: '(승인자 전용)',
    threads: '스레드 안에서 이어서 질문하면 데스크가 대화를 이어 갑니다.',
  },
  briefing: {
    chart: '순자산 추이',
  },
  alert: {
    severity: { info: 'ℹ️ 알림', warning: '⚠️ 경고', critical: '🚨 긴급' },
    tradingStateChanged: '매매 상태 변경',
    approversCalled: (mentions: string) => `${mentions} 긴급 경보입니다.`,
  },
};

export type DiscordCatalog = typeof discordKo;

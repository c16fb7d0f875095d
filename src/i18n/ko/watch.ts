/**
 * Texts of the intraday watch (alerts, /watch), shared by the Discord and terminal channels. Korean first;
 * `en/watch.ts` has the same keys.
 */
export const watchKo = {
  conditions: {
    buy_ma20_pullback: '20일선 눌림목 매수',
    buy_breakout: '20일 고점 돌파 매수',
    buy_rsi_bounce: 'RSI 과매도 반등 매수',
    sell_stop_loss: '손절',
    sell_take_profit: '익절',
    sell_trailing_stop: '추적 손절',
    sell_ma_break: '50일선 이탈',
    sell_climax: '거래량 급증 하락',
  } as Record<string, string>,
  alertTitle: (name: string, ticker: string, condition: string) =>
    `🔔 감시: ${name} (${ticker}) — ${condition}`,
  alertPrice: (price: string) => `현재가 ${price}원`,
  severityHigh: '심각도 높음 (200일선도 아래)',
  sellProposed: '매도 안을 올렸습니다. ✅ 승인해야만 주문합니다.',
  sellExisting: (intentId: string) =>
    `이 종목의 매도 안이 이미 있습니다 (${intentId.slice(0, 8)}). 새 안은 올리지 않습니다.`,
  sellNotProposed: '매도 안을 만들지 못했습니다. 직접 /trade 로 확인하세요.',
  buyHint: '아래 버튼으로 이 ETF에 대한 /trade 스레드를 엽니다.',
  openTrade: '이 ETF 거래 상담',
  tradeQuestion: (name: string, ticker: string, condition: string) =>
    `감시 조건 "${condition}"이(가) ${name} (${ticker})에서 발동했습니다. 지금 사도 될까요?`,
  numbers: (pairs: string) => `근거: ${pairs}`,
  list: {
    title: '감시 목록',
    empty: '감시 목록이 비어 있습니다. /watch add <종목코드> 로 추가하세요. 보유 종목은 자동으로 감시합니다.',
    line: (name: string, ticker: string, price: string, conditions: string) =>
      `• ${name} (${ticker}) ${price} — ${conditions}`,
    held: '보유',
    noPrice: '시세 없음',
    distance: (condition: string, pct: string) => `${condition} ${pct}`,
    state: (state: string, subscribed: number, max: number) => `상태: ${state} · 실시간 ${subscribed}/${max}`,
    fired: '발동 중',
    noTrigger: '가격 기준 없음',
    listed: '감시 목록',
  },
  states: {
    market_open: '장중 감시 중',
    market_closed: '장 마감 (KIS 호출 없음)',
    idle: '감시할 종목 없음',
    degraded: '일부 저하 (REST 조회 중 또는 등록 초과)',
  } as Record<string, string>,
  status: {
    title: '장중 감시',
    summary: (state: string, watched: number, subscribed: number, max: number) =>
      `${state} · 감시 ${watched}종목 · 실시간 등록 ${subscribed}/${max}`,
    feed: (feed: string, downSince: string | null) =>
      downSince ? `시세: ${feed} (끊긴 시각 ${downSince})` : `시세: ${feed}`,
    counts: (ticks: number, malformed: number, polls: number, evaluations: number, firings: number) =>
      `체결 ${ticks} · 잘못된 프레임 ${malformed} · REST 조회 ${polls} · 평가 ${evaluations} · 발동 ${firings}`,
    lastTicks: (pairs: string) => `마지막 시세: ${pairs}`,
    notSubscribed: (tickers: string) => `실시간 미등록: ${tickers}`,
  },
  notConfigured: '이 데스크에는 장중 감시가 설정되어 있지 않습니다. 바뀐 것은 없습니다.',
  added: (name: string, ticker: string, conditions: string) =>
    `${name} (${ticker})을(를) 감시합니다: ${conditions}`,
  replaced: (name: string, ticker: string, conditions: string) =>
    `${name} (${ticker}) 감시 조건을 바꿨습니다: ${conditions}`,
  removed: (ticker: string) => `${ticker}을(를) 감시 목록에서 뺐습니다.`,
  notListed: (ticker: string) => `${ticker}은(는) 감시 목록에 없습니다. 바뀐 것은 없습니다.`,
  errors: {
    UNKNOWN_TICKER: (detail: string) =>
      `"${detail}"은(는) 이 데스크의 ETF 목록에 없는 종목입니다. 바뀐 것은 없습니다.`,
    TOO_MANY: (detail: string) =>
      `실시간 등록은 ${detail}종목까지입니다 (KIS 세션당 41개, 체결 통보 1개 포함). 다른 종목을 빼고 다시 시도하세요. 바뀐 것은 없습니다.`,
    BAD_CONDITION: (detail: string) =>
      `"${detail}"은(는) 모르는 조건입니다. 가능한 조건: buy_ma20_pullback, buy_breakout, buy_rsi_bounce, sell_stop_loss, sell_take_profit, sell_trailing_stop, sell_ma_break, sell_climax. 바뀐 것은 없습니다.`,
    BAD_THRESHOLD: (detail: string) => `기준값이 범위를 벗어났습니다 (${detail}). 바뀐 것은 없습니다.`,
  },
  usage: '사용법: /watch add <종목코드> [조건,…] · /watch remove <종목코드> · /watch list',
  feedDown: (seconds: number) =>
    `실시간 시세 연결이 ${seconds}초째 끊겨 있습니다. 감시는 REST 조회로 계속합니다.`,
};

export type WatchCatalog = typeof watchKo;

/** Korean text of the offline planner (the chat model used when no model is configured). `en/offline.ts` has the same keys. */

export type OfflineToolName =
  | 'get_quote'
  | 'get_price_history'
  | 'get_portfolio'
  | 'get_buying_power'
  | 'search_memory'
  | 'search_news'
  | 'get_trading_state'
  | 'propose_order';

const offlineKoToolLabels: Record<OfflineToolName, string> = {
  get_quote: '현재가',
  get_price_history: '가격 추이',
  get_portfolio: '잔고',
  get_buying_power: '매수 가능 금액',
  search_memory: '기억 검색',
  search_news: '뉴스 검색',
  get_trading_state: '거래 상태',
  propose_order: '주문 제안',
};

export const offlineKo = {
  notice: '오프라인 모드: 모델 없이 규칙으로 답합니다.',
  help: [
    '이해할 수 있는 요청 예시:',
    '• 시세: "069500 현재가", "KODEX 200 얼마야"',
    '• 차트: "069500 최근 한달 차트"',
    '• 잔고: "잔고", "포트폴리오"',
    '• 매수 가능 금액: "069500 매수 가능 금액"',
    '• 주문 제안: "069500 3주 매수", "KODEX 200 2주 시장가로 팔아줘", "069500 3주 35000원에 지정가 매수"',
    '• 검색: "지난 브리핑 찾아줘", "반도체 뉴스 찾아줘"',
    '• 거래 상태: "거래 상태"',
    '종목은 6자리 코드나 정확한 ETF 이름으로 말씀해 주세요.',
  ].join('\n'),
  notUnderstood: '요청을 이해하지 못했습니다.',
  askTicker: '어떤 종목인지 알 수 없습니다. 6자리 종목코드(예: 069500)로 다시 말씀해 주세요.',
  unknownTicker: (p: { ticker: string }) =>
    `${p.ticker}는 이 데스크가 다루는 종목이 아닙니다. 다루는 종목의 6자리 코드(예: 069500)로 말씀해 주세요.`,
  ambiguousTickers: (p: { tickers: string[] }) =>
    `종목이 여러 개(${p.tickers.join(', ')}) 보입니다. 한 종목의 6자리 코드로 다시 말씀해 주세요.`,
  askQuantity: (p: { ticker: string }) => `${p.ticker} 몇 주인지 정수로 알려주세요. 예: "3주"`,
  askSide: '매수인지 매도인지 알려주세요.',
  askLimitPrice: (p: { ticker: string }) =>
    `지정가 주문에는 가격이 필요합니다. 예: "${p.ticker} 3주 35000원에 지정가 매수", 또는 "시장가"라고 말씀해 주세요.`,
  conflictingOrderType:
    '시장가라고 하시면서 가격도 주셨습니다. 시장가인지 지정가(가격)인지 하나만 정해 주세요.',
  wholeWonPrice: '가격은 원 단위 정수로 알려주세요. 예: 35000원',
  toolUnavailable: (p: { tool: OfflineToolName }) =>
    `지금은 "${offlineKoToolLabels[p.tool]}" 기능을 쓸 수 없습니다.`,
  orderRationale: (p: { request: string }) => `사용자가 직접 요청한 주문입니다: "${p.request}"`,
  proposalNote:
    '주문 제안만 만들었습니다. 승인 버튼(✅)을 누르기 전에는 브로커로 아무것도 전송되지 않습니다.',
  noResults: '(결과 없음)',
  moreItems: (p: { count: number }) => `… 외 ${p.count}건`,
  itemCount: (p: { count: number }) => `${p.count}건`,
  toolLabels: offlineKoToolLabels,
  sentences: {
    order: (p: OfflineOrder) =>
      `${p.ticker} ${p.quantity.toLocaleString('en-US')}주 ${p.side === 'BUY' ? '매수' : '매도'}` +
      (p.limitPrice === null ? ' (시장가' : ` (지정가 ${won(p.limitPrice)}`) +
      (p.estimatedValue === null ? ')' : `, 예상 ${won(p.estimatedValue)})`),
    proposalAwaiting: (p: { order: string; expiresAt: string | null }) =>
      `${p.order} 주문을 제안했습니다. 사전 점검을 통과했고, 아래 카드에서 승인자가 ✅를 누르면 최신 데이터로 다시 점검한 뒤 주문합니다` +
      (p.expiresAt ? ` (승인 마감 ${p.expiresAt}).` : '.'),
    proposalDeferred: (p: { order: string; expiresAt: string | null }) =>
      `${p.order} 주문을 제안했습니다. 지금은 거래소가 접수하지 않는 시간이라, 승인하면 접수가 가능해질 때 다시 점검한 뒤 주문합니다` +
      (p.expiresAt ? ` (승인 마감 ${p.expiresAt}).` : '.'),
    proposalDenied: (p: { order: string; reasons: string[] }) =>
      `${p.order} 주문은 리스크 점검에서 거부되어 승인할 수 없습니다` +
      (p.reasons.length > 0 ? `: ${p.reasons.join(' ')}` : '.'),
    quote: (p: OfflineQuote) =>
      `${p.name ? `${p.name}(${p.ticker})` : p.ticker}의 현재가는 ${won(p.price)}입니다` +
      (p.change === null
        ? ''
        : `, 전일 대비 ${p.change > 0 ? '+' : ''}${p.change.toLocaleString('en-US')}원`) +
      (p.volume === null ? '' : `, 거래량 ${p.volume.toLocaleString('en-US')}주`) +
      (p.asOf ? ` (${p.asOf} 기준)` : '') +
      '.' +
      (p.halted ? ' 지금은 거래가 정지되어 있습니다.' : ''),
    toolFailed: (p: { message: string }) => `요청을 처리하지 못했습니다: ${p.message}`,
  },
};

export interface OfflineOrder {
  ticker: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  limitPrice: number | null;
  estimatedValue: number | null;
}

export interface OfflineQuote {
  ticker: string;
  name: string;
  price: number;
  change: number | null;
  volume: number | null;
  halted: boolean;
  asOf: string | null;
}

function won(value: number): string {
  return `${value.toLocaleString('en-US')}원`;
}

export type OfflineMessages = typeof offlineKo;

import type { RiskCatalog } from '../../domain/risk/catalog';

export const riskKo: RiskCatalog = {
  locale: 'ko',
  codes: {
    TRADING_HALTED: '거래 중지(HALTED) 상태입니다. 취소 주문만 받습니다.',
    TRADING_REDUCING: '축소(REDUCING) 상태입니다. 보유 종목 매도만 받습니다 ({ticker} {side:side}).',
    TICKER_NOT_ALLOWED: '{ticker}은(는) 허용된 ETF 목록에 없습니다.',
    INVALID_QUANTITY: '주문 수량({quantity})은 1주 이상의 정수여야 합니다.',
    INVALID_PRICE:
      '주문 가격({limitPrice})이 올바르지 않습니다. 지정가는 0보다 큰 정수, 시장가는 가격 없이 주문합니다.',
    PRICE_OFF_TICK:
      '지정가 {limitPrice:krw}은(는) 호가 단위 {tick:krw}에 맞지 않습니다. {below:krw} 또는 {above:krw}로 주문하세요.',
    PRICE_UNAVAILABLE:
      '{ticker}의 믿을 수 있는 시세가 없습니다({problem:problem}). 시세를 다시 조회해야 합니다.',
    INSTRUMENT_HALTED: '{ticker}은(는) 거래정지 종목입니다.',
    ACCOUNT_STATE_UNKNOWN: '계좌 상태를 확인할 수 없습니다({problem:problem}). 잔고를 다시 조회해야 합니다.',
    DAILY_LOSS_LIMIT:
      '평가금액 {equity:krw}이(가) 장 시작 {startOfDayNav:krw}보다 {lossBp:pct} 줄어 일일 손실 한도 {maxLossBp:pct}에 닿았습니다. 매수를 막습니다.',
    NAV_FLOOR: '평가금액 {equity:krw}이(가) 최저 한도 {navFloor:krw}보다 낮습니다. 매수를 막습니다.',
    PRICE_OUTSIDE_BAND:
      '지정가 {limitPrice:krw}이(가) 오늘 가격제한폭 {lower:krw}~{upper:krw}을(를) 벗어납니다.',
    PRICE_TOO_FAR_FROM_QUOTE:
      '지정가 {limitPrice:krw}이(가) 현재가 {quotePrice:krw}에서 {distanceBp:pct} 떨어져 있습니다(한도 {maxBp:pct}).',
    NAV_PREMIUM:
      '{ticker} {side:side} 가격 {price:krw}이(가) NAV {nav}원 대비 괴리율 {premiumBp:pct}로 한도 ±{maxBp:pct}를 벗어납니다.',
    NAV_UNAVAILABLE:
      '{ticker}의 NAV(iNAV)를 확인할 수 없습니다({problem:problem}). 실전 계좌에서는 주문을 막고, 모의투자에서는 경고만 합니다.',
    MAX_ORDER_VALUE: '주문 금액 {orderValue:krw}이(가) 1회 주문 한도 {maxOrderValue:krw}을(를) 넘습니다.',
    MAX_POSITION_WEIGHT: '주문 후 {ticker} 비중이 {weightBp:pct}로 한도 {maxBp:pct}을(를) 넘습니다.',
    INSUFFICIENT_BUYING_POWER: '필요 금액 {required:krw}이(가) 주문가능금액 {available:krw}보다 많습니다.',
    FAT_FINGER: '매수 금액 {orderValue:krw}이(가) 현금 {cash:krw}의 {maxBp:pct}({limit:krw})를 넘습니다.',
    INSUFFICIENT_HOLDINGS:
      '{ticker} 매도 수량 {quantity}주가 매도가능수량 {orderableQuantity}주보다 많습니다.',
    MAX_ORDERS_PER_DAY: '오늘 주문이 {ordersToday}건으로 하루 한도 {maxOrdersPerDay}건에 도달했습니다.',
    DUPLICATE_OPEN_ORDER: '{ticker} {side:side} 미체결 주문(잔량 {remainingQuantity}주)이 이미 있습니다.',
    MARKET_CLOSED: '지금은 이 주문을 접수할 수 없습니다({reason:reason}). 접수 가능 시각: {opensAt}',
    ORDER_BLACKOUT:
      'KIS 점검 시간({windows})이라 주문을 보내지 않습니다. {until} 이후 최신 시세로 다시 점검해 보냅니다. 사유: {note}',
    DEFER_QUEUE_FULL:
      '대기 중인 승인 주문이 {waiting}건으로 한도 {max}건에 찼습니다. 대기 주문이 나간 뒤 다시 제안하세요.',
  },
  rules: {
    tradingState: '거래 상태',
    allowList: '허용 종목',
    quantity: '주문 수량',
    priceTick: '호가 단위',
    priceData: '시세',
    instrumentStatus: '종목 상태',
    accountData: '계좌 상태',
    dailyLoss: '일일 손실 한도',
    navFloor: '최저 평가금액',
    priceBand: '가격제한폭',
    quoteDistance: '현재가와의 거리',
    navPremium: 'NAV 괴리율',
    orderValue: '1회 주문 한도',
    positionWeight: '종목 비중',
    buyingPower: '주문가능금액',
    fatFinger: '현금 대비 매수 금액',
    holdings: '매도가능수량',
    ordersPerDay: '하루 주문 수',
    duplicateOpenOrder: '중복 미체결 주문',
    session: '장 운영 시간',
    blackout: 'KIS 점검 시간',
    deferQueue: '대기 주문 한도',
  },
  passes: {
    navPremium: '{premiumBp:pct} (NAV {nav}원, 한도 ±{maxBp:pct})',
  },
  outcomes: { ALLOW: '승인', DENY: '거부', DEFER: '보류' },
  breakers: {
    DAILY_LOSS: '일일 손실 한도 도달: 축소(REDUCING) 상태로 전환해야 합니다.',
    NAV_FLOOR: '최저 평가금액 미달: 축소(REDUCING) 상태로 전환해야 합니다.',
  },
  sides: { BUY: '매수', SELL: '매도' },
  tradingStates: { ACTIVE: '정상', REDUCING: '축소', HALTED: '중지' },
  sessionRefusals: {
    CLOSED_DAY: '휴장일',
    BEFORE_OPEN: '장 시작 전',
    AFTER_CLOSE: '장 마감 후',
    PAPER_REGULAR_HOURS_ONLY: '모의투자는 09:00~15:30에만 주문 가능',
    WRONG_SESSION: '이 시간대에 쓸 수 없는 주문 유형',
    UNKNOWN_ORDER_TYPE: '알 수 없는 주문 유형',
  },
  dataProblems: {
    MISSING: '없음',
    STALE: '오래됨',
    WRONG_TICKER: '다른 종목의 시세',
    NO_PRICE: '가격 0',
    BAD_LIMITS: '상·하한가 이상',
    NO_BUYING_POWER: '주문가능금액 없음',
    BUYING_POWER_STALE: '주문가능금액이 오래됨',
    POSITION_NOT_PRICED: '보유 종목 가격 없음',
    NO_START_OF_DAY_NAV: '장 시작 평가금액 없음',
    UNSUPPORTED: '이 서버는 제공하지 않음',
  },
};

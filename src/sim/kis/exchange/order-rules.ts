import {
  orderAcceptedNow,
  type MarketSession,
  type OrderDivision,
  type TradingCalendar,
} from '../../../domain/market';
import { isInsideBand, isOnTick, type PriceBand } from '../../../domain/money';
import type { SimEnvironment } from '../types';

/** A business rejection: HTTP 200 with rt_cd != "0". */
export interface Rejection {
  rtCd: string;
  msgCd: string;
  msg1: string;
}

/**
 * Rejections the simulator gives; every msg_cd and its source is listed in ../CODES.md. Where live KIS's code for a
 * refusal is not published, the simulator answers with APBK0918 — the code KIS itself shares across several order
 * refusals with different msg1 texts — so no code here is made up; clients branch on rt_cd (and msg1).
 */
const SHARED_REFUSAL = 'APBK0918';
export const REJECTIONS = {
  insufficientCash: { rtCd: '7', msgCd: 'APBK0952', msg1: '주문가능금액을 초과 했습니다' },
  insufficientQuantity: {
    rtCd: '7',
    msgCd: 'APBK0400',
    msg1: '주문수량이 일반매도가능수량을 초과하였습니다',
  },
  paperBeforeOpen: { rtCd: '1', msgCd: '40570000', msg1: '모의투자 장시작전 입니다.' },
  paperMarketClosed: { rtCd: '1', msgCd: '40580000', msg1: '모의투자 장종료 입니다.' },
  realMarketClosed: { rtCd: '1', msgCd: SHARED_REFUSAL, msg1: '장운영시간이 아닙니다.' },
  unknownTicker: { rtCd: '1', msgCd: 'APBK0656', msg1: '해당 종목정보가 없습니다.' },
  badQuantity: { rtCd: '1', msgCd: SHARED_REFUSAL, msg1: '주문수량을 확인 하여 주십시요.' },
  offTick: { rtCd: '1', msgCd: SHARED_REFUSAL, msg1: '주문단가가 호가단위에 맞지 않습니다.' },
  outOfBand: { rtCd: '1', msgCd: SHARED_REFUSAL, msg1: '주문단가가 상하한가를 벗어났습니다.' },
  missingPrice: { rtCd: '1', msgCd: SHARED_REFUSAL, msg1: '주문단가를 입력 하여 주십시요.' },
  unknownDivision: { rtCd: '1', msgCd: SHARED_REFUSAL, msg1: '주문구분을 확인 하여 주십시요.' },
  paperUnsupported: { rtCd: '1', msgCd: '90000000', msg1: '모의투자에서는 해당업무가 제공되지 않습니다.' },
  unsupportedExchange: { rtCd: '1', msgCd: SHARED_REFUSAL, msg1: '거래소구분을 확인 하여 주십시요.' },
  originalNotFound: { rtCd: '1', msgCd: 'APBK1663', msg1: '해당 주문번호가 없습니다.' },
  nothingToRevise: { rtCd: '1', msgCd: SHARED_REFUSAL, msg1: '정정/취소 가능수량이 없습니다.' },
  reviseQuantityTooLarge: {
    rtCd: '1',
    msgCd: SHARED_REFUSAL,
    msg1: '정정/취소 수량이 가능수량을 초과하였습니다.',
  },
  wrongOrgNo: { rtCd: '1', msgCd: SHARED_REFUSAL, msg1: '주문조직번호를 확인 하여 주십시요.' },
} as const satisfies Record<string, Rejection>;

export type PriceRule = 'limit' | 'market' | 'preMarketClose' | 'postMarketClose' | 'afterHoursSingle';

export interface DivisionRule {
  price: PriceRule;
  /** IOC/FOK: whatever does not fill at once is cancelled. */
  immediate: boolean;
  /** 조건부지정가: a limit that becomes a market order at the closing auction. */
  conditional: boolean;
  paper: boolean;
}

const rule = (price: PriceRule, paper: boolean, extra: Partial<DivisionRule> = {}): DivisionRule => ({
  price,
  paper,
  immediate: false,
  conditional: false,
  ...extra,
});

/** KRX ORD_DVSN codes the simulator matches. Best/priority limits (03/04) trade at the current price. */
const DIVISIONS: Record<string, DivisionRule> = {
  '00': rule('limit', true),
  '01': rule('market', true),
  '02': rule('limit', true, { conditional: true }),
  '03': rule('market', true),
  '04': rule('market', true),
  '05': rule('preMarketClose', false),
  '06': rule('postMarketClose', false),
  '07': rule('afterHoursSingle', false),
  '11': rule('limit', false, { immediate: true }),
  '12': rule('limit', false, { immediate: true }),
  '13': rule('market', false, { immediate: true }),
  '14': rule('market', false, { immediate: true }),
  '15': rule('market', false, { immediate: true }),
  '16': rule('market', false, { immediate: true }),
};

export function divisionRule(ordDvsn: string): DivisionRule | undefined {
  return DIVISIONS[ordDvsn];
}

export function checkDivision(ordDvsn: string, environment: SimEnvironment): Rejection | DivisionRule {
  const found = DIVISIONS[ordDvsn];
  if (!found) return REJECTIONS.unknownDivision;
  if (environment === 'paper' && !found.paper) return REJECTIONS.paperUnsupported;
  return found;
}

export function checkExchange(exchangeId: string, environment: SimEnvironment): Rejection | undefined {
  if (exchangeId === '' || exchangeId === 'KRX') return undefined;
  return environment === 'paper' ? REJECTIONS.paperUnsupported : REJECTIONS.unsupportedExchange;
}

export function checkSession(
  session: MarketSession,
  ordDvsn: string,
  environment: SimEnvironment,
  calendar: TradingCalendar,
): Rejection | undefined {
  const sessionDivision: OrderDivision =
    ordDvsn === '05' || ordDvsn === '06' || ordDvsn === '07' ? ordDvsn : '00';
  if (orderAcceptedNow(session, sessionDivision, environment, calendar).accepted) return undefined;
  if (environment === 'real') return REJECTIONS.realMarketClosed;
  // Live paper: "장시작전" before the regular session of a trading day, "장종료" after it and on closed days.
  return session.phase === 'BEFORE_OPEN' || session.phase === 'OPENING_AUCTION'
    ? REJECTIONS.paperBeforeOpen
    : REJECTIONS.paperMarketClosed;
}

/** Limit-type prices must be on the ETF tick grid and inside today's band. */
export function checkLimitPrice(price: number, band: PriceBand): Rejection | undefined {
  if (price <= 0) return REJECTIONS.missingPrice;
  if (!isOnTick(price, 'ETF')) return REJECTIONS.offTick;
  if (!isInsideBand(price, band)) return REJECTIONS.outOfBand;
  return undefined;
}

export function isRejection<T extends object>(value: Rejection | T): value is Rejection {
  return 'msgCd' in value;
}

import { kisTime } from '../../../../domain/market';
import type { OrderOutcome } from '../../exchange/exchange';
import type { Side } from '../../exchange/orders';
import { checkAccount, missingField, type ApiRequest, type ApiResult, type SimServices } from '../context';

const SIDE_BY_TR: Record<string, Side> = {
  TTTC0012U: 'BUY',
  TTTC0802U: 'BUY',
  VTTC0012U: 'BUY',
  VTTC0802U: 'BUY',
  TTTC0011U: 'SELL',
  TTTC0801U: 'SELL',
  VTTC0011U: 'SELL',
  VTTC0801U: 'SELL',
};

export interface OrderApiResult extends ApiResult {
  /** The engine's record, so the gateway can note a dropped response. */
  outcome?: OrderOutcome;
}

export function bodyField(request: ApiRequest, name: string): string {
  const value = request.body[name];
  if (value === undefined) throw missingField(name);
  return value;
}

/** "12" → 12; anything that is not a plain non-negative integer → NaN, which the engine rejects. */
export function wholeNumber(text: string): number {
  return /^\d{1,12}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** order-cash: buy or sell by TR id; acceptance answers APBK0013 (real) / 40600000 (paper). */
export function orderCash(services: SimServices, request: ApiRequest): OrderApiResult {
  checkAccount(request, bodyField(request, 'CANO'), bodyField(request, 'ACNT_PRDT_CD'));
  const side = SIDE_BY_TR[request.trId] ?? 'BUY';
  const outcome = services.exchange.placeOrder({
    ledger: request.ledger,
    ticker: bodyField(request, 'PDNO').trim(),
    side,
    ordDvsn: bodyField(request, 'ORD_DVSN'),
    quantity: wholeNumber(bodyField(request, 'ORD_QTY')),
    price: wholeNumber(bodyField(request, 'ORD_UNPR')),
    exchangeId: (request.body.EXCG_ID_DVSN_CD ?? '').trim(),
  });
  const accepted =
    request.environment === 'paper'
      ? {
          msg_cd: '40600000',
          msg1:
            side === 'BUY' ? '모의투자 매수주문이 완료 되었습니다.' : '모의투자 매도주문이 완료 되었습니다.',
        }
      : { msg_cd: 'APBK0013', msg1: '주문 전송 완료 되었습니다.' };
  return { ...orderResponse(outcome, accepted), outcome };
}

export function orderResponse(outcome: OrderOutcome, accepted: { msg_cd: string; msg1: string }): ApiResult {
  if (!outcome.ok) {
    const { rtCd, msgCd, msg1 } = outcome.rejection;
    return { status: 200, body: { rt_cd: rtCd, msg_cd: msgCd, msg1 } };
  }
  const { order } = outcome;
  return {
    status: 200,
    body: {
      rt_cd: '0',
      ...accepted,
      output: { KRX_FWDG_ORD_ORGNO: order.orgNo, ODNO: order.odno, ORD_TMD: kisTime(order.receivedAt) },
    },
  };
}

import { feeFor } from '../../../../domain/money';
import { divisionRule } from '../../exchange/order-rules';
import { checkAccount, ok, type ApiRequest, type ApiResult, type SimServices } from '../context';
import { int, paddedMessage } from '../format';
import { wholeNumber } from './order-cash';

export const INQUIRY_OK = {
  rt_cd: '0',
  msg_cd: 'KIOK0510',
  msg1: paddedMessage('조회가 완료되었습니다'),
} as const;

/**
 * inquire-psbl-order: cash the account can commit and how many units that buys at ORD_UNPR, or — without a
 * price — at the upper limit for market-type divisions (what order-cash reserves) and the current price otherwise.
 */
export function inquireBuyingPower(services: SimServices, request: ApiRequest): ApiResult {
  const { query } = request;
  checkAccount(request, query.require('CANO'), query.require('ACNT_PRDT_CD'));
  const ticker = query.require('PDNO').trim();
  const price = wholeNumber(query.require('ORD_UNPR') || '0');
  const ordDvsn = query.require('ORD_DVSN');
  query.require('CMA_EVLU_AMT_ICLD_YN');
  query.require('OVRS_ICLD_YN');
  const snapshot = services.market.snapshot(ticker, request.now);
  if (!snapshot) return ok({ rt_cd: '1', msg_cd: 'APBK0656', msg1: '해당 종목정보가 없습니다.', output: {} });
  services.exchange.sync();
  const available = Math.max(0, services.exchange.availableCash(request.ledger));
  const marketType = divisionRule(ordDvsn)?.price === 'market';
  const unitPrice = price > 0 ? price : marketType ? snapshot.band.upper : snapshot.price;
  const quantity = affordableQuantity(available, unitPrice, services.commissionPpm);
  const amount = quantity * unitPrice;
  const output = {
    ord_psbl_cash: int(available),
    ord_psbl_sbst: '0',
    ruse_psbl_amt: '0',
    fund_rpch_chgs: '0',
    psbl_qty_calc_unpr: int(unitPrice),
    nrcvb_buy_amt: int(amount),
    nrcvb_buy_qty: int(quantity),
    max_buy_amt: int(amount),
    max_buy_qty: int(quantity),
    cma_evlu_amt: '0',
    ovrs_re_use_amt_wcrc: '0',
    ord_psbl_frcr_amt_wcrc: '0',
  };
  return ok({ output, ...INQUIRY_OK });
}

/** The largest quantity whose value plus commission fits in `cash`. */
export function affordableQuantity(cash: number, unitPrice: number, commissionPpm: number): number {
  if (unitPrice <= 0 || cash <= 0) return 0;
  let quantity = Math.floor((cash * 1_000_000) / (unitPrice * (1_000_000 + commissionPpm)));
  const cost = (q: number): number => q * unitPrice + feeFor(q * unitPrice, commissionPpm);
  while (quantity > 0 && cost(quantity) > cash) quantity -= 1;
  while (cost(quantity + 1) <= cash) quantity += 1;
  return quantity;
}

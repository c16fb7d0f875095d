import { ApiError, checkAccount, type ApiRequest, type SimServices } from '../context';
import { bodyField, orderResponse, wholeNumber, type OrderApiResult } from './order-cash';

/** order-rvsecncl: RVSE_CNCL_DVSN_CD 01 modifies (new ODNO, new price), 02 cancels the remaining or ORD_QTY. */
export function orderRevise(services: SimServices, request: ApiRequest): OrderApiResult {
  checkAccount(request, bodyField(request, 'CANO'), bodyField(request, 'ACNT_PRDT_CD'));
  const code = bodyField(request, 'RVSE_CNCL_DVSN_CD');
  if (code !== '01' && code !== '02')
    throw new ApiError(500, 'OPSQ2001', 'ERROR : INPUT INVALID RVSE_CNCL_DVSN_CD');
  const all = bodyField(request, 'QTY_ALL_ORD_YN').toUpperCase();
  if (all !== 'Y' && all !== 'N') throw new ApiError(500, 'OPSQ2001', 'ERROR : INPUT INVALID QTY_ALL_ORD_YN');
  const action = code === '01' ? 'modify' : 'cancel';
  const outcome = services.exchange.revise({
    ledger: request.ledger,
    orgNo: bodyField(request, 'KRX_FWDG_ORD_ORGNO').trim(),
    originalOdno: normaliseOdno(bodyField(request, 'ORGN_ODNO')),
    ordDvsn: bodyField(request, 'ORD_DVSN'),
    action,
    quantity: wholeNumber(bodyField(request, 'ORD_QTY')),
    price: wholeNumber(bodyField(request, 'ORD_UNPR')),
    allQuantity: all === 'Y',
  });
  const accepted =
    request.environment === 'paper'
      ? {
          msg_cd: '40600000',
          msg1:
            action === 'modify'
              ? '모의투자 정정주문이 완료 되었습니다.'
              : '모의투자 취소주문이 완료 되었습니다.',
        }
      : { msg_cd: 'APBK0013', msg1: '주문 전송 완료 되었습니다.' };
  return { ...orderResponse(outcome, accepted), outcome };
}

/** KIS ODNOs are 10-digit zero-padded; accept the short form older paper responses used. */
export function normaliseOdno(value: string): string {
  const trimmed = value.trim();
  return /^\d{1,10}$/.test(trimmed) ? trimmed.padStart(10, '0') : trimmed;
}

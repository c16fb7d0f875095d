import { ORDER_DIVISION } from '../../domain/market';
import type {
  BrokerEnvironment,
  CancelOrderRequest,
  PlaceOrderRequest,
  PlaceOrderResult,
} from '../../domain/ports';
import type { KisAccount } from './config';
import type { KisHttpClient, KisWriteOutcome } from './http/client';
import { orderResponseSchema, type OrderResponse } from './http/schemas';
import type { KisLogger } from './logger';
import { isKisTicker } from './ticker';
import { KIS_PATHS, REAL_TR_IDS, trIdFor } from './urls';

export interface KisExecutionDeps {
  http: KisHttpClient;
  environment: BrokerEnvironment;
  account: KisAccount;
  logger: KisLogger;
}

/** One POST to order-cash. Never retried: a lost answer is `unknown` and only reconciliation resolves it. */
export async function placeCashOrder(
  deps: KisExecutionDeps,
  request: PlaceOrderRequest,
): Promise<PlaceOrderResult> {
  const invalid = validate(request);
  if (invalid) return { status: 'rejected', code: 'INVALID_ORDER', message: invalid };
  const trId = trIdFor(deps.environment, request.side === 'BUY' ? REAL_TR_IDS.buy : REAL_TR_IDS.sell);
  const outcome = await deps.http.write({
    path: KIS_PATHS.orderCash,
    trId,
    schema: orderResponseSchema,
    body: {
      CANO: deps.account.cano,
      ACNT_PRDT_CD: deps.account.productCode,
      PDNO: request.ticker,
      ORD_DVSN: ORDER_DIVISION[request.orderType],
      ORD_QTY: String(request.quantity),
      ORD_UNPR: request.orderType === 'LIMIT' ? String(request.limitPrice) : '0',
      // The official order_cash sample always sends both, "" when unused (live sells failed without them).
      SLL_TYPE: '',
      CNDT_PRIC: '',
      EXCG_ID_DVSN_CD: 'KRX',
    },
  });
  const result = toPlaceOrderResult(outcome);
  deps.logger.info(
    { trId, ticker: request.ticker, side: request.side, quantity: request.quantity, ...summary(result) },
    'kis order sent',
  );
  return result;
}

/** Cancels the whole remaining quantity unless a quantity is given. One POST, never retried. */
export async function cancelOrder(
  deps: KisExecutionDeps,
  request: CancelOrderRequest,
): Promise<PlaceOrderResult> {
  if (request.quantity !== undefined && (!Number.isSafeInteger(request.quantity) || request.quantity <= 0)) {
    return {
      status: 'rejected',
      code: 'INVALID_ORDER',
      message: 'cancel quantity must be a positive integer',
    };
  }
  const trId = trIdFor(deps.environment, REAL_TR_IDS.modifyCancel);
  const whole = request.quantity === undefined;
  const outcome = await deps.http.write({
    path: KIS_PATHS.orderModifyCancel,
    trId,
    schema: orderResponseSchema,
    body: {
      CANO: deps.account.cano,
      ACNT_PRDT_CD: deps.account.productCode,
      KRX_FWDG_ORD_ORGNO: request.orgNo,
      ORGN_ODNO: request.brokerOrderId,
      ORD_DVSN: '00',
      RVSE_CNCL_DVSN_CD: '02',
      ORD_QTY: whole ? '0' : String(request.quantity),
      ORD_UNPR: '0',
      QTY_ALL_ORD_YN: whole ? 'Y' : 'N',
      CNDT_PRIC: '',
      EXCG_ID_DVSN_CD: 'KRX',
    },
  });
  const result = toPlaceOrderResult(outcome);
  deps.logger.info({ trId, originalOrderId: request.brokerOrderId, ...summary(result) }, 'kis cancel sent');
  return result;
}

function validate(request: PlaceOrderRequest): string | null {
  if (!isKisTicker(request.ticker))
    return `ticker must be 6 digits (or Q + 6 digits), got "${request.ticker}"`;
  if (!Number.isSafeInteger(request.quantity) || request.quantity <= 0)
    return 'quantity must be a positive integer';
  if (request.orderType === 'LIMIT') {
    const price = request.limitPrice;
    if (price === undefined || !Number.isSafeInteger(price) || price <= 0) {
      return 'a limit order needs a positive integer price';
    }
  }
  return null;
}

function toPlaceOrderResult(outcome: KisWriteOutcome<OrderResponse>): PlaceOrderResult {
  switch (outcome.kind) {
    case 'ok':
      return {
        status: 'accepted',
        brokerOrderId: outcome.body.output.ODNO,
        orgNo: outcome.body.output.KRX_FWDG_ORD_ORGNO,
        orderTime: outcome.body.output.ORD_TMD,
        message: outcome.body.msg1.trim(),
      };
    case 'rejected':
      return { status: 'rejected', code: outcome.code, message: outcome.message };
    case 'unknown':
      return { status: 'unknown', reason: outcome.reason, message: outcome.message };
  }
}

function summary(result: PlaceOrderResult): Record<string, string> {
  switch (result.status) {
    case 'accepted':
      return { status: result.status, brokerOrderId: result.brokerOrderId };
    case 'rejected':
      return { status: result.status, code: result.code };
    case 'unknown':
      return { status: result.status, reason: result.reason };
  }
}

import type { Clock } from '../../../domain/clock';
import type { TradingCalendar } from '../../../domain/market';
import type { AccountLedger } from '../exchange/ledger';
import type { Exchange } from '../exchange/exchange';
import type { Market } from '../market/market';
import type { SimEnvironment } from '../types';

/** The parts of the simulator an API handler may use. */
export interface SimServices {
  clock: Clock;
  calendar: TradingCalendar;
  market: Market;
  exchange: Exchange;
  commissionPpm: number;
  /** Premiums of price over NAV set through the control API, in basis points by ticker. */
  navPremiums: Map<string, number>;
}

/** Query parameters matched case-insensitively (the spec uses FID_*, the official Postman collection fid_*). */
export class QueryParams {
  private readonly values = new Map<string, string>();

  constructor(search: URLSearchParams) {
    for (const [key, value] of search) this.values.set(key.toUpperCase(), value);
  }

  get(name: string): string | undefined {
    return this.values.get(name.toUpperCase());
  }

  /** A required parameter; missing ones are answered like KIS: OPSQ2001 INPUT_FIELD_NAME. */
  require(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw missingField(name);
    return value;
  }
}

export interface ApiRequest {
  environment: SimEnvironment;
  trId: string;
  /** Request header tr_cont: "" first page, "N" next page. */
  trCont: string;
  query: QueryParams;
  /** POST body after validation: UPPERCASE keys, string values. */
  body: Readonly<Record<string, string>>;
  ledger: AccountLedger;
  now: Date;
}

export interface ApiResult {
  status: number;
  body: unknown;
  /** Response header tr_cont on paginated APIs. */
  trCont?: string;
}

/** A gateway-level refusal: {rt_cd, msg_cd, msg1}, usually HTTP 500 with rt_cd "1". */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly msgCd: string,
    readonly msg1: string,
    readonly rtCd = '1',
  ) {
    super(`${msgCd} ${msg1}`);
    this.name = 'ApiError';
  }
}

/** Live KIS answers a missing required field with HTTP 200, rt_cd "2" (REFERENCE §10). */
export function missingField(name: string): ApiError {
  return new ApiError(200, 'OPSQ2001', `ERROR : INPUT_FIELD_NAME ${name}`, '2');
}

export function badFieldLength(name: string): ApiError {
  return new ApiError(500, 'OPSQ2002', `ERROR : INPUT_FIELD_LENGTH ${name}`);
}

/** The account named by CANO/ACNT_PRDT_CD must be the app key's own account. */
export function checkAccount(request: ApiRequest, cano: string, productCode: string): void {
  if (!/^\d{8}$/.test(cano)) throw badFieldLength('CANO');
  if (!/^\d{2}$/.test(productCode)) throw badFieldLength('ACNT_PRDT_CD');
  const account = request.ledger.account;
  if (cano !== account.cano || productCode !== account.productCode) {
    throw new ApiError(500, 'OPSQ2000', 'ERROR : INPUT INVALID_CHECK_ACNO');
  }
}

export function ok(body: Record<string, unknown>, trCont?: string): ApiResult {
  return trCont === undefined ? { status: 200, body } : { status: 200, body, trCont };
}

import { ApiError, type ApiRequest, type ApiResult, type SimServices } from '../api/context';
import { checkHolidays } from '../api/quotations/holidays';
import { inquireDailyChart } from '../api/quotations/daily-chart';
import { inquireDailyPrice } from '../api/quotations/daily-price';
import { ksdinfoDividend } from '../api/quotations/dividend';
import { inquireEtfPrice } from '../api/quotations/etf-price';
import { inquirePrice } from '../api/quotations/inquire-price';
import { inquireBalance } from '../api/trading/balance';
import { inquireBuyingPower } from '../api/trading/buying-power';
import { inquireDailyCcld } from '../api/trading/daily-ccld';
import { orderCash } from '../api/trading/order-cash';
import { orderRevise } from '../api/trading/order-revise';
import type { SimEnvironment } from '../types';

export type Handler = (services: SimServices, request: ApiRequest) => ApiResult;

export interface Route {
  method: 'GET' | 'POST';
  handler: Handler;
  /** TR ids served on each host. Quotation TRs are the same on both; real-only TRs have none on paper. */
  trIds: Record<SimEnvironment, readonly string[]>;
  /** order-cash: where the acceptThenDrop and dropBeforeReceive faults apply. */
  isOrderEntry?: boolean;
}

const both = (...ids: string[]): Record<SimEnvironment, readonly string[]> => ({ real: ids, paper: ids });
const realOnly = (...ids: string[]): Record<SimEnvironment, readonly string[]> => ({ real: ids, paper: [] });

const QUOTATIONS = '/uapi/domestic-stock/v1/quotations';
const TRADING = '/uapi/domestic-stock/v1/trading';

export const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  [`${QUOTATIONS}/inquire-price`, { method: 'GET', handler: inquirePrice, trIds: both('FHKST01010100') }],
  [
    `${QUOTATIONS}/inquire-daily-itemchartprice`,
    { method: 'GET', handler: inquireDailyChart, trIds: both('FHKST03010100') },
  ],
  [
    `${QUOTATIONS}/inquire-daily-price`,
    { method: 'GET', handler: inquireDailyPrice, trIds: both('FHKST01010400') },
  ],
  [`${QUOTATIONS}/chk-holiday`, { method: 'GET', handler: checkHolidays, trIds: realOnly('CTCA0903R') }],
  [
    '/uapi/domestic-stock/v1/ksdinfo/dividend',
    // Whether KIS answers it on the paper host is not documented; served on both here.
    { method: 'GET', handler: ksdinfoDividend, trIds: both('HHKDB669102C0') },
  ],
  [
    '/uapi/etfetn/v1/quotations/inquire-price',
    // Real-only at KIS; served on both hosts here (see etf-price.ts).
    { method: 'GET', handler: inquireEtfPrice, trIds: both('FHPST02400000') },
  ],
  [
    `${TRADING}/order-cash`,
    {
      method: 'POST',
      handler: orderCash,
      isOrderEntry: true,
      trIds: {
        real: ['TTTC0012U', 'TTTC0011U', 'TTTC0802U', 'TTTC0801U'],
        paper: ['VTTC0012U', 'VTTC0011U', 'VTTC0802U', 'VTTC0801U'],
      },
    },
  ],
  [
    `${TRADING}/order-rvsecncl`,
    {
      method: 'POST',
      handler: orderRevise,
      trIds: { real: ['TTTC0013U', 'TTTC0803U'], paper: ['VTTC0013U', 'VTTC0803U'] },
    },
  ],
  [
    `${TRADING}/inquire-psbl-order`,
    { method: 'GET', handler: inquireBuyingPower, trIds: { real: ['TTTC8908R'], paper: ['VTTC8908R'] } },
  ],
  [
    `${TRADING}/inquire-daily-ccld`,
    {
      method: 'GET',
      handler: inquireDailyCcld,
      trIds: {
        real: ['TTTC0081R', 'TTTC8001R', 'CTSC9215R', 'CTSC9115R'],
        paper: ['VTTC0081R', 'VTTC8001R', 'VTSC9215R', 'VTSC9115R'],
      },
    },
  ],
  [
    `${TRADING}/inquire-balance`,
    { method: 'GET', handler: inquireBalance, trIds: { real: ['TTTC8434R'], paper: ['VTTC8434R'] } },
  ],
]);

/**
 * Host/TR routing like live KIS: a real TR on the paper host (or a real-only TR such as chk-holiday) is refused
 * with EGW02006 "모의투자 TR 이 아닙니다", a paper TR on the real host with EGW02004 "실전투자 TR 이 아닙니다"
 * (both HTTP 500; see CODES.md).
 */
export function checkTrId(route: Route, environment: SimEnvironment, trId: string): ApiError | undefined {
  if (trId === '') return new ApiError(500, 'OPSQ9999', 'JSON PARSING ERROR : tr_id not found');
  if (route.trIds[environment].includes(trId)) return undefined;
  const other: SimEnvironment = environment === 'real' ? 'paper' : 'real';
  if (route.trIds[other].includes(trId) || (environment === 'paper' && route.trIds.paper.length === 0)) {
    return environment === 'paper'
      ? new ApiError(500, 'EGW02006', '모의투자 TR 이 아닙니다.')
      : new ApiError(500, 'EGW02004', '실전투자 TR 이 아닙니다.');
  }
  return new ApiError(500, 'OPSQ0002', '없는 서비스 코드 입니다');
}

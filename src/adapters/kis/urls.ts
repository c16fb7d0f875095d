import type { BrokerEnvironment } from '../../domain/ports';
import { KisGuardError } from './http/errors';

export interface KisEndpoints {
  rest: string;
  ws: string;
}

/** The broker's own hosts. Paper and real share the WebSocket hostname and differ only by port. */
export const LIVE_ENDPOINTS: Readonly<Record<BrokerEnvironment, KisEndpoints>> = {
  real: { rest: 'https://openapi.koreainvestment.com:9443', ws: 'ws://ops.koreainvestment.com:21000' },
  paper: { rest: 'https://openapivts.koreainvestment.com:29443', ws: 'ws://ops.koreainvestment.com:31000' },
};

export const KIS_PATHS = {
  token: '/oauth2/tokenP',
  approval: '/oauth2/Approval',
  quote: '/uapi/domestic-stock/v1/quotations/inquire-price',
  dailyChart: '/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice',
  etfPrice: '/uapi/etfetn/v1/quotations/inquire-price',
  balance: '/uapi/domestic-stock/v1/trading/inquire-balance',
  buyingPower: '/uapi/domestic-stock/v1/trading/inquire-psbl-order',
  orderCash: '/uapi/domestic-stock/v1/trading/order-cash',
  orderModifyCancel: '/uapi/domestic-stock/v1/trading/order-rvsecncl',
  dailyOrders: '/uapi/domestic-stock/v1/trading/inquire-daily-ccld',
  holiday: '/uapi/domestic-stock/v1/quotations/chk-holiday',
  dividend: '/uapi/domestic-stock/v1/ksdinfo/dividend',
} as const;

/** TR ids as the real environment names them; `trIdFor` derives the paper twin. */
export const REAL_TR_IDS = {
  quote: 'FHKST01010100',
  dailyChart: 'FHKST03010100',
  etfPrice: 'FHPST02400000',
  balance: 'TTTC8434R',
  buyingPower: 'TTTC8908R',
  buy: 'TTTC0012U',
  sell: 'TTTC0011U',
  modifyCancel: 'TTTC0013U',
  dailyOrdersRecent: 'TTTC0081R',
  dailyOrdersOlder: 'CTSC9215R',
  trades: 'H0STCNT0',
  holiday: 'CTCA0903R',
  dividend: 'HHKDB669102C0',
} as const;

const FILL_NOTICE_TR: Record<BrokerEnvironment, string> = { real: 'H0STCNI0', paper: 'H0STCNI9' };

/** TRs the paper server does not offer at all. */
const REAL_ONLY_TR_IDS: ReadonlySet<string> = new Set([REAL_TR_IDS.etfPrice, REAL_TR_IDS.holiday]);

/** Account TRs start with T, J or C on the real side; the paper twin swaps that first letter for V. */
export function trIdFor(environment: BrokerEnvironment, realTrId: string): string {
  if (environment === 'real') return realTrId;
  return /^[TJC]/.test(realTrId) ? `V${realTrId.slice(1)}` : realTrId;
}

export function fillNoticeTrId(environment: BrokerEnvironment): string {
  return FILL_NOTICE_TR[environment];
}

export function isRealOnlyTr(realTrId: string): boolean {
  return REAL_ONLY_TR_IDS.has(realTrId);
}

export function resolveEndpoints(
  environment: BrokerEnvironment,
  overrides?: { rest?: string | undefined; ws?: string | undefined },
): KisEndpoints {
  const live = LIVE_ENDPOINTS[environment];
  return { rest: stripSlash(overrides?.rest ?? live.rest), ws: stripSlash(overrides?.ws ?? live.ws) };
}

/**
 * The last check before bytes leave the process: paper credentials never reach a real host, a real TR id
 * (T…/J…/C…) never goes out in paper mode, and real credentials never reach the paper host.
 */
export function assertOutgoingAllowed(environment: BrokerEnvironment, url: string, trId?: string): void {
  const forbidden = environment === 'paper' ? LIVE_ENDPOINTS.real : LIVE_ENDPOINTS.paper;
  const target = new URL(url);
  const restHost = new URL(forbidden.rest).hostname;
  if (target.hostname.toLowerCase() === restHost || originOf(url) === originOf(forbidden.ws)) {
    throw new KisGuardError(
      `${environment} request to a ${environment === 'paper' ? 'real' : 'paper'} host refused`,
    );
  }
  if (trId === undefined) return;
  if (environment === 'paper' && /^[TJC]/.test(trId)) {
    throw new KisGuardError(`real TR id ${trId} refused in paper mode`);
  }
  if (environment === 'real' && /^V/.test(trId)) {
    throw new KisGuardError(`paper TR id ${trId} refused in real mode`);
  }
  const otherNoticeTr = FILL_NOTICE_TR[environment === 'paper' ? 'real' : 'paper'];
  if (trId === otherNoticeTr)
    throw new KisGuardError(`execution-notice TR ${trId} refused in ${environment} mode`);
}

/** True when either endpoint is one of the broker's own hosts for `environment`. */
export function targetsLiveHost(environment: BrokerEnvironment, endpoints: KisEndpoints): boolean {
  const live = LIVE_ENDPOINTS[environment];
  return (
    safeHostname(endpoints.rest) === new URL(live.rest).hostname ||
    safeOrigin(endpoints.ws) === originOf(live.ws)
  );
}

function safeHostname(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function safeOrigin(url: string): string | null {
  try {
    return originOf(url);
  } catch {
    return null;
  }
}

function originOf(url: string): string {
  const parsed = new URL(url);
  const defaultPort = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' }[parsed.protocol] ?? '';
  return `${parsed.hostname.toLowerCase()}:${parsed.port || defaultPort}`;
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

import type { Clock } from '../../domain/clock';
import { addDays, fromKisDate, kisDate, kstDate, type KstDate } from '../../domain/market';
import type { BrokerEnvironment, BrokerOrder } from '../../domain/ports';
import type { KisAccount } from './config';
import type { KisHttpClient } from './http/client';
import { readAllPages } from './http/paging';
import { dailyOrdersResponseSchema, type DailyOrderRow } from './http/schemas';
import { KIS_PATHS, REAL_TR_IDS, trIdFor } from './urls';

export interface KisOrderInquiryDeps {
  http: KisHttpClient;
  environment: BrokerEnvironment;
  account: KisAccount;
  clock: Clock;
}

export interface OrderInquiryFilter {
  /** One order number (ODNO); blank = all. */
  brokerOrderId?: string;
  ticker?: string;
}

/**
 * Every order of the account between the dates (inclusive), all pages of inquire-daily-ccld, oldest first.
 * Throws if any page fails: reconciliation must never mistake a partial list for the truth.
 */
export async function listBrokerOrders(
  deps: KisOrderInquiryDeps,
  from: KstDate,
  to: KstDate,
  filter: OrderInquiryFilter = {},
): Promise<BrokerOrder[]> {
  const rows = await fetchDailyOrderRows(deps, from, to, filter);
  return rows.map(toBrokerOrder).sort(byDateTimeThenId);
}

/** The order with this number placed on `date`, or null when KIS does not (yet) show it. */
export async function findBrokerOrder(
  deps: KisOrderInquiryDeps,
  date: KstDate,
  brokerOrderId: string,
): Promise<BrokerOrder | null> {
  const orders = await listBrokerOrders(deps, date, date, { brokerOrderId });
  return orders.find((o) => sameOrderNumber(o.brokerOrderId, brokerOrderId)) ?? null;
}

export async function fetchDailyOrderRows(
  deps: KisOrderInquiryDeps,
  from: KstDate,
  to: KstDate,
  filter: OrderInquiryFilter = {},
): Promise<DailyOrderRow[]> {
  const seen = new Map<string, DailyOrderRow>();
  for (const segment of segmentsByTr(from, to, kstDate(deps.clock.now()))) {
    const pages = await readAllPages(deps.http, {
      path: KIS_PATHS.dailyOrders,
      trId: trIdFor(deps.environment, segment.realTrId),
      schema: dailyOrdersResponseSchema,
      query: {
        CANO: deps.account.cano,
        ACNT_PRDT_CD: deps.account.productCode,
        INQR_STRT_DT: kisDate(segment.from),
        INQR_END_DT: kisDate(segment.to),
        SLL_BUY_DVSN_CD: '00',
        INQR_DVSN: '00',
        PDNO: filter.ticker ?? '',
        CCLD_DVSN: '00',
        ORD_GNO_BRNO: '',
        ODNO: filter.brokerOrderId ?? '',
        INQR_DVSN_3: '00',
        INQR_DVSN_1: '',
        EXCG_ID_DVSN_CD: 'KRX',
      },
    });
    for (const row of pages.flatMap((p) => p.output1)) {
      if (row.odno.trim() === '') continue;
      seen.set(`${row.ord_dt}:${row.odno}`, row);
    }
  }
  return [...seen.values()];
}

export function toBrokerOrder(row: DailyOrderRow): BrokerOrder {
  return {
    brokerOrderId: row.odno,
    orgNo: row.ord_gno_brno,
    originalOrderId: row.orgn_odno,
    date: fromKisDate(row.ord_dt),
    time: row.ord_tmd,
    ticker: row.pdno,
    side: row.sll_buy_dvsn_cd === '01' ? 'SELL' : 'BUY',
    orderDivision: row.ord_dvsn_cd,
    quantity: row.ord_qty,
    price: row.ord_unpr,
    filledQuantity: row.tot_ccld_qty,
    filledAmount: row.tot_ccld_amt,
    remainingQuantity: row.rmn_qty,
    rejectedQuantity: row.rjct_qty,
    cancelled: row.cncl_yn.trim().toUpperCase() === 'Y',
  };
}

/** Old paper ODNOs are short ('47589'), newer ones zero-padded to 10 digits: compare as numbers. */
export function sameOrderNumber(a: string, b: string): boolean {
  return a.replace(/^0+/, '') === b.replace(/^0+/, '');
}

interface Segment {
  from: KstDate;
  to: KstDate;
  realTrId: string;
}

/** inquire-daily-ccld has one TR for the last three months and another for older dates. */
export function segmentsByTr(from: KstDate, to: KstDate, today: KstDate): Segment[] {
  if (from > to) return [];
  const boundary = threeMonthsBefore(today);
  if (from >= boundary) return [{ from, to, realTrId: REAL_TR_IDS.dailyOrdersRecent }];
  if (to < boundary) return [{ from, to, realTrId: REAL_TR_IDS.dailyOrdersOlder }];
  return [
    { from, to: addDays(boundary, -1), realTrId: REAL_TR_IDS.dailyOrdersOlder },
    { from: boundary, to, realTrId: REAL_TR_IDS.dailyOrdersRecent },
  ];
}

function threeMonthsBefore(date: KstDate): KstDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) - 3;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  // One day of slack: KIS counts the three months inclusively in a way the spec does not pin down.
  return addDays(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, 1);
}

function byDateTimeThenId(a: BrokerOrder, b: BrokerOrder): number {
  return (
    a.date.localeCompare(b.date) ||
    a.time.localeCompare(b.time) ||
    a.brokerOrderId.localeCompare(b.brokerOrderId)
  );
}

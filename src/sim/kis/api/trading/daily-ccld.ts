import { kisDate, kisTime, kstDate } from '../../../../domain/market';
import { remainingOf, type SimOrder } from '../../exchange/orders';
import { parseDate } from '../quotations/daily-chart';
import { checkAccount, ok, type ApiRequest, type ApiResult, type SimServices } from '../context';
import { fixedRatio, int, padRight } from '../format';
import { INQUIRY_OK } from './buying-power';
import { paginate, responseTrCont } from './paging';
import { normaliseOdno } from './order-revise';

const DIVISION_NAMES: Record<string, string> = {
  '00': '지정가',
  '01': '시장가',
  '02': '조건부지정가',
  '03': '최유리지정가',
  '04': '최우선지정가',
  '05': '장전시간외',
  '06': '장후시간외',
  '07': '시간외단일가',
  '11': 'IOC지정가',
  '12': 'FOK지정가',
  '13': 'IOC시장가',
  '14': 'FOK시장가',
  '15': 'IOC최유리',
  '16': 'FOK최유리',
};

/**
 * inquire-daily-ccld: every order, modify and cancel of the account between the dates, tr_cont paged (100 rows
 * real, 15 paper). Day orders that did not fill by the close keep their unfilled remainder in rmn_qty.
 */
export function inquireDailyCcld(services: SimServices, request: ApiRequest): ApiResult {
  const { query } = request;
  const cano = query.require('CANO');
  const productCode = query.require('ACNT_PRDT_CD');
  checkAccount(request, cano, productCode);
  const from = kisDate(parseDate(query.require('INQR_STRT_DT'), 'INQR_STRT_DT'));
  const to = kisDate(parseDate(query.require('INQR_END_DT'), 'INQR_END_DT'));
  const sideFilter = query.require('SLL_BUY_DVSN_CD');
  const oldestFirst = query.require('INQR_DVSN') === '01';
  const ticker = query.require('PDNO').trim();
  const fillFilter = query.require('CCLD_DVSN');
  query.require('ORD_GNO_BRNO');
  const odno = query.require('ODNO').trim();
  query.require('INQR_DVSN_3');
  query.require('INQR_DVSN_1');
  const fk = query.require('CTX_AREA_FK100');
  const nk = query.require('CTX_AREA_NK100');

  services.exchange.sync();
  const orders = services.exchange
    .ordersOf(cano)
    .filter((o) => {
      const day = orderDate(o);
      if (day < from || day > to) return false;
      if (sideFilter === '01' && o.side !== 'SELL') return false;
      if (sideFilter === '02' && o.side !== 'BUY') return false;
      if (ticker !== '' && o.ticker !== ticker) return false;
      if (odno !== '' && o.odno !== normaliseOdno(odno)) return false;
      if (fillFilter === '01' && o.filledQuantity === 0) return false;
      if (fillFilter === '02' && remainingOf(o) === 0) return false;
      return true;
    })
    .sort((a, b) => (oldestFirst ? 1 : -1) * orderKey(a).localeCompare(orderKey(b)));

  const page = paginate({
    rows: orders,
    size: request.environment === 'paper' ? 15 : 100,
    keyOf: orderKey,
    isAfter: (key, cursor) => (oldestFirst ? key > cursor : key < cursor),
    requestTrCont: request.trCont,
    nkCursor: nk,
    accountPrefix: `${cano}^${productCode}^`,
  });
  const totals = orders.reduce(
    (acc, o) => ({
      ordered: acc.ordered + o.quantity,
      filled: acc.filled + o.filledQuantity,
      amount: acc.amount + o.filledAmount,
      fees: acc.fees + o.fees,
    }),
    { ordered: 0, filled: 0, amount: 0, fees: 0 },
  );
  const echo = fk.trim() !== '' ? fk : `${cano}^${productCode}^${from}^${to}^ ^${sideFilter}^${fillFilter}^`;
  return ok(
    {
      ctx_area_fk100: padRight(echo, 100),
      ctx_area_nk100: page.nextCursor,
      output1: page.rows.map((o) => orderRow(services, o)),
      output2: {
        tot_ord_qty: int(totals.ordered),
        tot_ccld_qty: int(totals.filled),
        tot_ccld_amt: int(totals.amount),
        prsm_tlex_smtl: int(totals.fees),
        pchs_avg_pric: fixedRatio(totals.amount, totals.filled),
      },
      ...INQUIRY_OK,
    },
    responseTrCont(page),
  );
}

function orderDate(order: SimOrder): string {
  return kisDate(kstDate(order.receivedAt));
}

/** Date then ODNO: a stable, unique listing key. */
function orderKey(order: SimOrder): string {
  return `${orderDate(order)}${order.odno}`;
}

function sideName(order: SimOrder): string {
  const side = order.side === 'BUY' ? '매수' : '매도';
  if (order.kind === 'modify') return `${side}정정`;
  if (order.kind === 'cancel') return `${side}취소`;
  return `현금${side}`;
}

function orderRow(services: SimServices, o: SimOrder): Record<string, string> {
  const lastFill = o.fills[o.fills.length - 1];
  const condition = ['11', '13', '15'].includes(o.ordDvsn)
    ? 'IOC'
    : ['12', '14', '16'].includes(o.ordDvsn)
      ? 'FOK'
      : '없음';
  return {
    ord_dt: orderDate(o),
    ord_gno_brno: o.orgNo,
    odno: o.odno,
    orgn_odno: o.originalOdno,
    ord_dvsn_name: DIVISION_NAMES[o.ordDvsn] ?? o.ordDvsn,
    sll_buy_dvsn_cd: o.side === 'SELL' ? '01' : '02',
    sll_buy_dvsn_cd_name: sideName(o),
    pdno: o.ticker,
    prdt_name: services.market.name(o.ticker),
    ord_qty: int(o.quantity),
    ord_unpr: int(o.price),
    ord_tmd: kisTime(o.receivedAt),
    tot_ccld_qty: int(o.filledQuantity),
    avg_prvs: int(o.filledQuantity > 0 ? Math.floor(o.filledAmount / o.filledQuantity) : 0),
    cncl_yn: o.kind === 'cancel' ? 'Y' : 'N',
    tot_ccld_amt: int(o.filledAmount),
    loan_dt: '',
    ordr_empno: 'OpenAPI',
    ord_dvsn_cd: o.ordDvsn,
    cncl_cfrm_qty: int(o.kind === 'cancel' ? o.quantity : o.cancelledQuantity),
    rmn_qty: int(remainingOf(o)),
    rjct_qty: '0',
    ccld_cndt_name: condition,
    inqr_ip_addr: '',
    cpbc_ordp_ord_rcit_dvsn_cd: '',
    cpbc_ordp_infm_mthd_dvsn_cd: '',
    infm_tmd: lastFill ? kisTime(lastFill.at) : '',
    ctac_tlno: '',
    prdt_type_cd: '300',
    excg_dvsn_cd: '02',
    cpbc_ordp_mtrl_dvsn_cd: '',
    ord_orgno: o.orgNo,
    rsvn_ord_end_dt: '',
  };
}

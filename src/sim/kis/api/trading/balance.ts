import { kstDate } from '../../../../domain/market';
import type { AccountLedger, PositionState } from '../../exchange/ledger';
import { substitutePrice } from '../quotations/inquire-price';
import { checkAccount, ok, type ApiRequest, type ApiResult, type SimServices } from '../context';
import { decimal, fixedRatio, int, padRight, percent } from '../format';
import { INQUIRY_OK } from './buying-power';
import { paginate, responseTrCont } from './paging';

const QUERY_FIELDS = [
  'AFHR_FLPR_YN',
  'OFL_YN',
  'INQR_DVSN',
  'UNPR_DVSN',
  'FUND_STTL_ICLD_YN',
  'FNCG_AMT_AUTO_RDPT_YN',
  'PRCS_DVSN',
];

interface DayTrades {
  buyQty: number;
  sellQty: number;
  buyAmount: number;
  sellAmount: number;
  fees: number;
}

/**
 * inquire-balance: holdings (output1, tr_cont paged 50 real / 20 paper, by ticker) and one summary row
 * (output2 is an array with one object). Rows sold out stay with hldg_qty 0 until the sale settles (D+2).
 */
export function inquireBalance(services: SimServices, request: ApiRequest): ApiResult {
  const { query } = request;
  const cano = query.require('CANO');
  const productCode = query.require('ACNT_PRDT_CD');
  checkAccount(request, cano, productCode);
  const echoParts = QUERY_FIELDS.map((name) => query.require(name));
  const fk = query.require('CTX_AREA_FK100');
  const nk = query.require('CTX_AREA_NK100');
  services.exchange.sync();

  const { ledger, now } = request;
  const today = kstDate(now);
  const previousDay = services.calendar.previousTradingDay(today);
  const trades = tradesByDay(services, ledger);
  const noTrades: DayTrades = { buyQty: 0, sellQty: 0, buyAmount: 0, sellAmount: 0, fees: 0 };
  const tradesOn = (date: string, ticker?: string): DayTrades =>
    trades.get(`${date}|${ticker ?? ''}`) ?? noTrades;

  const shown = ledger.positions().filter((p) => p.quantity > 0 || stillUnsettled(services, p, today));
  const rows = shown.map((p) => {
    const snapshot = services.market.snapshot(p.ticker, now);
    const price = snapshot?.price ?? 0;
    const base = snapshot?.base ?? 0;
    const value = p.quantity * price;
    return { position: p, snapshot, price, base, value };
  });
  const page = paginate({
    rows,
    size: request.environment === 'paper' ? 20 : 50,
    keyOf: (r) => r.position.ticker,
    isAfter: (key, cursor) => key > cursor,
    requestTrCont: request.trCont,
    nkCursor: nk,
    accountPrefix: `${cano}^${productCode}^`,
  });

  const output1 = page.rows.map(({ position: p, snapshot, price, base, value }) => {
    const todayTrades = tradesOn(today, p.ticker);
    const yesterday = tradesOn(previousDay, p.ticker);
    return {
      pdno: p.ticker,
      prdt_name: services.market.name(p.ticker),
      trad_dvsn_name: '현금',
      bfdy_buy_qty: int(yesterday.buyQty),
      bfdy_sll_qty: int(yesterday.sellQty),
      thdt_buyqty: int(todayTrades.buyQty),
      thdt_sll_qty: int(todayTrades.sellQty),
      hldg_qty: int(p.quantity),
      ord_psbl_qty: int(services.exchange.sellableQuantity(ledger, p.ticker)),
      pchs_avg_pric: fixedRatio(p.purchaseAmount, p.quantity),
      pchs_amt: int(p.purchaseAmount),
      prpr: int(price),
      evlu_amt: int(value),
      evlu_pfls_amt: int(value - p.purchaseAmount),
      evlu_pfls_rt: percent(value - p.purchaseAmount, p.purchaseAmount),
      evlu_erng_rt: '0.00000000',
      loan_dt: '',
      loan_amt: '0',
      stln_slng_chgs: '0',
      expd_dt: '',
      fltt_rt: base > 0 ? decimal(((price - base) / base) * 100, 8) : '0.00000000',
      bfdy_cprs_icdc: int(price - base),
      item_mgna_rt_name: '',
      grta_rt_name: '',
      sbst_pric: int(snapshot ? substitutePrice(snapshot) : 0),
      stck_loan_unpr: '0.0000',
    };
  });

  const securities = rows.reduce((sum, r) => sum + r.value, 0);
  const purchases = rows.reduce((sum, r) => sum + r.position.purchaseAmount, 0);
  const yesterdaySecurities = rows.reduce((sum, r) => sum + r.position.quantity * r.base, 0);
  const cashD2 = ledger.cashD2();
  const total = securities + cashD2;
  const previousTotal = yesterdaySecurities + cashD2;
  const t = tradesOn(today);
  const y = tradesOn(previousDay);
  const output2 = [
    {
      dnca_tot_amt: int(ledger.cashSettledBy(today)),
      nxdy_excc_amt: int(ledger.cashSettledBy(services.calendar.nextTradingDay(today))),
      prvs_rcdl_excc_amt: int(cashD2),
      cma_evlu_amt: '0',
      bfdy_buy_amt: int(y.buyAmount),
      thdt_buy_amt: int(t.buyAmount),
      nxdy_auto_rdpt_amt: '0',
      bfdy_sll_amt: int(y.sellAmount),
      thdt_sll_amt: int(t.sellAmount),
      d2_auto_rdpt_amt: '0',
      bfdy_tlex_amt: int(y.fees),
      thdt_tlex_amt: int(t.fees),
      tot_loan_amt: '0',
      scts_evlu_amt: int(securities),
      tot_evlu_amt: int(total),
      nass_amt: int(total),
      fncg_gld_auto_rdpt_yn: '',
      pchs_amt_smtl_amt: int(purchases),
      evlu_amt_smtl_amt: int(securities),
      evlu_pfls_smtl_amt: int(securities - purchases),
      tot_stln_slng_chgs: '0',
      bfdy_tot_asst_evlu_amt: int(previousTotal),
      asst_icdc_amt: int(total - previousTotal),
      asst_icdc_erng_rt: '0.00000000',
    },
  ];
  const echo =
    fk.trim() !== ''
      ? fk
      : `${cano}^${productCode}^${echoParts[0]}^${echoParts[4]}^${echoParts[2]}^${echoParts[3]}^${echoParts[5]}^`;
  return ok(
    { ctx_area_fk100: padRight(echo, 100), ctx_area_nk100: page.nextCursor, output1, output2, ...INQUIRY_OK },
    responseTrCont(page),
  );
}

function stillUnsettled(services: SimServices, p: PositionState, today: string): boolean {
  if (!p.lastSellDate) return false;
  const settles = services.calendar.nextTradingDay(services.calendar.nextTradingDay(p.lastSellDate));
  return today < settles;
}

/** Buy/sell quantities, amounts and fees per (date, ticker) and per date (ticker ''), from the fills. */
function tradesByDay(services: SimServices, ledger: AccountLedger): Map<string, DayTrades> {
  const out = new Map<string, DayTrades>();
  const add = (key: string, buy: boolean, quantity: number, amount: number, fee: number): void => {
    const t = out.get(key) ?? { buyQty: 0, sellQty: 0, buyAmount: 0, sellAmount: 0, fees: 0 };
    if (buy) {
      t.buyQty += quantity;
      t.buyAmount += amount;
    } else {
      t.sellQty += quantity;
      t.sellAmount += amount;
    }
    t.fees += fee;
    out.set(key, t);
  };
  for (const order of services.exchange.ordersOf(ledger.account.cano)) {
    for (const fill of order.fills) {
      const date = kstDate(fill.at);
      const amount = fill.quantity * fill.price;
      add(`${date}|${order.ticker}`, order.side === 'BUY', fill.quantity, amount, fill.fee);
      add(`${date}|`, order.side === 'BUY', fill.quantity, amount, fill.fee);
    }
  }
  return out;
}

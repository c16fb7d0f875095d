import type { Clock } from '../../domain/clock';
import type { BrokerBalance, BrokerEnvironment, BrokerPosition, BuyingPower } from '../../domain/ports';
import type { KisAccount } from './config';
import type { KisHttpClient } from './http/client';
import { KisRejectedError, KisResponseShapeError } from './http/errors';
import { readAllPages } from './http/paging';
import { balanceResponseSchema, buyingPowerResponseSchema, type BalanceRow } from './http/schemas';
import { isKisTicker } from './ticker';
import { KIS_PATHS, REAL_TR_IDS, trIdFor } from './urls';

export interface KisAccountDeps {
  http: KisHttpClient;
  environment: BrokerEnvironment;
  account: KisAccount;
  clock: Clock;
}

/** Holdings (all pages) and cash. Rows with nothing held (sold out today, shown until D+2) are left out. */
export async function fetchBalance(deps: KisAccountDeps): Promise<BrokerBalance> {
  const pages = await readAllPages(deps.http, {
    path: KIS_PATHS.balance,
    trId: trIdFor(deps.environment, REAL_TR_IDS.balance),
    schema: balanceResponseSchema,
    query: {
      CANO: deps.account.cano,
      ACNT_PRDT_CD: deps.account.productCode,
      AFHR_FLPR_YN: 'N',
      OFL_YN: '',
      INQR_DVSN: '02',
      UNPR_DVSN: '01',
      FUND_STTL_ICLD_YN: 'N',
      FNCG_AMT_AUTO_RDPT_YN: 'N',
      PRCS_DVSN: '00',
    },
  });
  const summary = pages[pages.length - 1]?.output2;
  if (!summary)
    throw new KisResponseShapeError('UNEXPECTED_SHAPE', 'inquire-balance returned no summary', 'never');
  return {
    positions: mergeByTicker(pages.flatMap((p) => p.output1)),
    cash: summary.dnca_tot_amt,
    cashD2: summary.prvs_rcdl_excc_amt,
    securitiesValue: summary.scts_evlu_amt,
    totalValue: summary.tot_evlu_amt,
    asOf: deps.clock.now(),
  };
}

/** Orderable cash and quantity without margin; market-order terms (ORD_DVSN 01) unless a price is given. */
export async function fetchBuyingPower(
  deps: KisAccountDeps,
  ticker: string,
  price?: number,
): Promise<BuyingPower> {
  if (!isKisTicker(ticker)) throw new KisRejectedError('INVALID_TICKER', `bad ticker "${ticker}"`, 'never');
  if (price !== undefined && (!Number.isSafeInteger(price) || price <= 0)) {
    throw new KisRejectedError('INVALID_PRICE', 'price must be a positive integer', 'never');
  }
  const { body } = await deps.http.read({
    path: KIS_PATHS.buyingPower,
    trId: trIdFor(deps.environment, REAL_TR_IDS.buyingPower),
    schema: buyingPowerResponseSchema,
    query: {
      CANO: deps.account.cano,
      ACNT_PRDT_CD: deps.account.productCode,
      PDNO: ticker,
      ORD_UNPR: price === undefined ? '0' : String(price),
      ORD_DVSN: price === undefined ? '01' : '00',
      CMA_EVLU_AMT_ICLD_YN: 'N',
      OVRS_ICLD_YN: 'N',
    },
  });
  return {
    ticker,
    price: body.output.psbl_qty_calc_unpr,
    orderableCash: body.output.ord_psbl_cash,
    maxAmount: body.output.nrcvb_buy_amt,
    maxQuantity: body.output.nrcvb_buy_qty,
    asOf: deps.clock.now(),
  };
}

/** A symbol can appear once per trade type (현금, 자기융자 …); the desk wants one position per symbol. */
function mergeByTicker(rows: BalanceRow[]): BrokerPosition[] {
  const positions = new Map<string, BrokerPosition>();
  for (const row of rows) {
    if (row.hldg_qty <= 0) continue;
    const ticker = row.pdno.trim();
    const existing = positions.get(ticker);
    if (!existing) {
      positions.set(ticker, {
        ticker,
        name: row.prdt_name.trim(),
        quantity: row.hldg_qty,
        orderableQuantity: row.ord_psbl_qty,
        purchaseAmount: row.pchs_amt,
        price: row.prpr,
        marketValue: row.evlu_amt,
        unrealizedPnl: row.evlu_pfls_amt,
      });
      continue;
    }
    existing.quantity += row.hldg_qty;
    existing.orderableQuantity += row.ord_psbl_qty;
    existing.purchaseAmount += row.pchs_amt;
    existing.marketValue += row.evlu_amt;
    existing.unrealizedPnl += row.evlu_pfls_amt;
  }
  return [...positions.values()];
}

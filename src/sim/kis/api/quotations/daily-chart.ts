import { addDays, fromKisDate, isKstDate, kisDate, kstDate } from '../../../../domain/market';
import { tickSizeForEtf } from '../../../../domain/money';
import type { SimBar } from '../../market/daily-history';
import { ApiError, badFieldLength, ok, type ApiRequest, type ApiResult, type SimServices } from '../context';
import { changeSign, decimal, int, percent } from '../format';
import { LISTED_UNITS, QUOTE_OK } from './inquire-price';
import { aggregateBars, parsePeriod } from './period-bars';
import { barFromSnapshot, quotedTicker } from './quote-facts';

const MAX_BARS = 100;

/**
 * FHKST03010100 — at most 100 bars, newest first, between FID_INPUT_DATE_1 and _2. No tr_cont paging: clients
 * page by asking again with DATE_2 before the oldest bar returned. Today's bar is included once it has traded.
 */
export function inquireDailyChart(services: SimServices, request: ApiRequest): ApiResult {
  const { query } = request;
  const ticker = quotedTicker(query);
  const from = parseDate(query.require('FID_INPUT_DATE_1'), 'FID_INPUT_DATE_1');
  const to = parseDate(query.require('FID_INPUT_DATE_2'), 'FID_INPUT_DATE_2');
  const period = parsePeriod(query.get('FID_PERIOD_DIV_CODE'));
  if (!period) throw new ApiError(500, 'OPSQ2001', 'ERROR : INPUT INVALID FID_PERIOD_DIV_CODE');
  // 0 수정주가 / 1 원주가. The simulated ETFs have no splits or revaluations, and KIS's 수정주가 does not add
  // ordinary distributions back (docs/backtest/price-basis.md): both bases are the same printed prices.
  const basis = query.get('FID_ORG_ADJ_PRC') ?? '0';
  if (basis !== '0' && basis !== '1')
    throw new ApiError(500, 'OPSQ2001', 'ERROR : INPUT INVALID FID_ORG_ADJ_PRC');
  const snapshot = services.market.snapshot(ticker, request.now);
  if (!snapshot) return ok({ output1: {}, output2: [], ...QUOTE_OK });

  const daily = barsWithToday(services, ticker, request.now, addDays(from, -400), to);
  const periods = aggregateBars(daily, period);
  const rows: Array<Record<string, string>> = [];
  for (let i = periods.length - 1; i >= 0 && rows.length < MAX_BARS; i--) {
    const bar = periods[i]!;
    if (bar.date < from) break;
    const exDate = period === 'D' && services.market.isExDate(ticker, bar.date);
    rows.push(barRow(bar, periods[i - 1]?.close, exDate));
  }
  const previous = snapshot.previousBar;
  const change = snapshot.price - snapshot.base;
  const output1: Record<string, string> = {
    acml_tr_pbmn: int(snapshot.tradedValue),
    acml_vol: int(snapshot.volume),
    askp: int(snapshot.price + tickSizeForEtf(snapshot.price)),
    bidp: int(snapshot.price),
    cpfn: '0',
    eps: '0.00',
    hts_avls: int(Math.floor((snapshot.price * LISTED_UNITS) / 100_000_000)),
    hts_kor_isnm: snapshot.name,
    itewhol_loan_rmnd_ratem: '0.00',
    lstn_stcn: int(LISTED_UNITS),
    pbr: '0.00',
    per: '0.00',
    prdy_ctrt: percent(change, snapshot.base),
    prdy_vol: int(previous?.volume ?? 0),
    prdy_vrss: int(change),
    prdy_vrss_sign: changeSign(snapshot.price, snapshot.base, snapshot.band),
    prdy_vrss_vol: int(snapshot.volume - (previous?.volume ?? 0)),
    stck_fcam: '0',
    stck_hgpr: int(snapshot.high),
    stck_llam: int(snapshot.band.lower),
    stck_lwpr: int(snapshot.low),
    stck_mxpr: int(snapshot.band.upper),
    stck_oprc: int(snapshot.open),
    stck_prdy_clpr: int(snapshot.base),
    stck_prdy_hgpr: int(previous?.high ?? 0),
    stck_prdy_lwpr: int(previous?.low ?? 0),
    stck_prdy_oprc: int(previous?.open ?? 0),
    stck_prpr: int(snapshot.price),
    stck_shrn_iscd: ticker,
    vol_tnrt: decimal((snapshot.volume / LISTED_UNITS) * 100),
  };
  return ok({ output1, output2: rows, ...QUOTE_OK });
}

/** Completed daily bars in [from, to] plus today's bar so far, ascending; never a bar from the future. */
export function barsWithToday(
  services: SimServices,
  ticker: string,
  now: Date,
  from: string,
  to: string,
): SimBar[] {
  const today = kstDate(now);
  const end = to < today ? addDays(to, 1) : today;
  const bars = services.market.pastBars(ticker, from, end);
  const snapshot = services.market.snapshot(ticker, now);
  const todayBar = snapshot && snapshot.tradeDate === today ? barFromSnapshot(snapshot) : undefined;
  if (todayBar && todayBar.date >= from && todayBar.date <= to) bars.push(todayBar);
  return bars;
}

function barRow(bar: SimBar, previousClose: number | undefined, exDate: boolean): Record<string, string> {
  const base = previousClose ?? bar.close;
  return {
    acml_tr_pbmn: int(bar.volume * bar.close),
    acml_vol: int(bar.volume),
    // 03 분배락: the ETF goes ex-distribution today (the price drops by it; the base price is not revalued).
    flng_cls_code: exDate ? '03' : '00',
    mod_yn: 'N',
    prdy_vrss: int(bar.close - base),
    prdy_vrss_sign: changeSign(bar.close, base),
    prtt_rate: '0.00',
    revl_issu_reas: '',
    stck_bsop_date: kisDate(bar.date),
    stck_clpr: int(bar.close),
    stck_hgpr: int(bar.high),
    stck_lwpr: int(bar.low),
    stck_oprc: int(bar.open),
  };
}

export function parseDate(value: string, field: string): string {
  if (!/^\d{8}$/.test(value) || !isKstDate(fromKisDate(value))) throw badFieldLength(field);
  return fromKisDate(value);
}

import { kisDate } from '../../../../domain/market';
import { floorToTick, mulDivFloor } from '../../../../domain/money';
import type { MarketSnapshot } from '../../market/market';
import { ok, type ApiRequest, type ApiResult, type SimServices } from '../context';
import { changeSign, decimal, int, percent } from '../format';
import { quoteFacts, quotedTicker, type QuoteFacts } from './quote-facts';

export const QUOTE_OK = { rt_cd: '0', msg_cd: 'MCA00000', msg1: '정상처리 되었습니다.' } as const;

/** Nominal units outstanding: ETFs have no fixed share count; this keeps turnover and market-cap fields plausible. */
export const LISTED_UNITS = 20_000_000;

/** FHKST01010100 — the full field set of a real 2025 capture, every value a string. */
export function inquirePrice(services: SimServices, request: ApiRequest): ApiResult {
  const ticker = quotedTicker(request.query);
  const snapshot = services.market.snapshot(ticker, request.now);
  const output = snapshot
    ? priceOutput(quoteFacts(services.market, snapshot, request.now))
    : unknownTickerOutput(ticker);
  return ok({ output, ...QUOTE_OK });
}

function priceOutput(facts: QuoteFacts): Record<string, string> {
  const s = facts.snapshot;
  const change = s.price - s.base;
  const previous = s.previousBar;
  const pivot = pivots(previous);
  const rate = (target: number): string => percent(s.price - target, target);
  return {
    iscd_stat_cls_code: '55',
    marg_rate: '100.00',
    rprs_mrkt_kor_name: 'ETF',
    bstp_kor_isnm: 'ETF',
    temp_stop_yn: 'N',
    oprc_rang_cont_yn: 'N',
    clpr_rang_cont_yn: 'N',
    crdt_able_yn: 'Y',
    grmn_rate_cls_code: '40',
    elw_pblc_yn: 'N',
    stck_prpr: int(s.price),
    prdy_vrss: int(change),
    prdy_vrss_sign: changeSign(s.price, s.base, s.band),
    prdy_ctrt: percent(change, s.base),
    acml_tr_pbmn: int(s.tradedValue),
    acml_vol: int(s.volume),
    prdy_vrss_vol_rate: percent(s.volume, previous?.volume ?? 0),
    stck_oprc: int(s.open),
    stck_hgpr: int(s.high),
    stck_lwpr: int(s.low),
    stck_mxpr: int(s.band.upper),
    stck_llam: int(s.band.lower),
    stck_sdpr: int(s.base),
    wghn_avrg_stck_prc: decimal(s.volume > 0 ? s.tradedValue / s.volume : s.price),
    hts_frgn_ehrt: '0.00',
    frgn_ntby_qty: '0',
    pgtr_ntby_qty: '0',
    pvt_scnd_dmrs_prc: int(pivot.secondResistance),
    pvt_frst_dmrs_prc: int(pivot.firstResistance),
    pvt_pont_val: int(pivot.point),
    pvt_frst_dmsp_prc: int(pivot.firstSupport),
    pvt_scnd_dmsp_prc: int(pivot.secondSupport),
    dmrs_val: int(pivot.demarkResistance),
    dmsp_val: int(pivot.demarkSupport),
    cpfn: '0',
    rstc_wdth_prc: int(s.band.upper - s.base),
    stck_fcam: '0',
    stck_sspr: int(substitutePrice(s)),
    aspr_unit: int(s.tick),
    hts_deal_qty_unit_val: '1',
    lstn_stcn: int(LISTED_UNITS),
    hts_avls: int(Math.floor((s.price * LISTED_UNITS) / 100_000_000)),
    per: '0.00',
    pbr: '0.00',
    stac_month: '12',
    vol_tnrt: decimal((s.volume / LISTED_UNITS) * 100),
    eps: '0.00',
    bps: '0.00',
    d250_hgpr: int(facts.d250.high),
    d250_hgpr_date: kisDate(facts.d250.highDate),
    d250_hgpr_vrss_prpr_rate: rate(facts.d250.high),
    d250_lwpr: int(facts.d250.low),
    d250_lwpr_date: kisDate(facts.d250.lowDate),
    d250_lwpr_vrss_prpr_rate: rate(facts.d250.low),
    stck_dryy_hgpr: int(facts.year.high),
    dryy_hgpr_vrss_prpr_rate: rate(facts.year.high),
    dryy_hgpr_date: kisDate(facts.year.highDate),
    stck_dryy_lwpr: int(facts.year.low),
    dryy_lwpr_vrss_prpr_rate: rate(facts.year.low),
    dryy_lwpr_date: kisDate(facts.year.lowDate),
    w52_hgpr: int(facts.w52.high),
    w52_hgpr_vrss_prpr_ctrt: rate(facts.w52.high),
    w52_hgpr_date: kisDate(facts.w52.highDate),
    w52_lwpr: int(facts.w52.low),
    w52_lwpr_vrss_prpr_ctrt: rate(facts.w52.low),
    w52_lwpr_date: kisDate(facts.w52.lowDate),
    whol_loan_rmnd_rate: '0.00',
    ssts_yn: 'Y',
    stck_shrn_iscd: s.ticker,
    fcam_cnnm: '0',
    cpfn_cnnm: '0 억',
    frgn_hldn_qty: '0',
    vi_cls_code: 'N',
    ovtm_vi_cls_code: 'N',
    last_ssts_cntg_qty: '0',
    invt_caful_yn: 'N',
    mrkt_warn_cls_code: '00',
    short_over_yn: 'N',
    sltr_yn: 'N',
    mang_issu_cls_code: 'N',
  };
}

/**
 * An unknown code answers like KIS is seen to: a normal envelope whose price fields are zero (python-kis detects
 * "not found" by stck_prpr == "0").
 */
function unknownTickerOutput(ticker: string): Record<string, string> {
  const zero = priceOutput({
    snapshot: {
      ticker,
      name: '',
      tradeDate: '1970-01-01',
      phase: 'CLOSED',
      price: 0,
      open: 0,
      high: 0,
      low: 0,
      base: 0,
      band: { upper: 0, lower: 0 },
      tick: 0,
      volume: 0,
      tradedValue: 0,
      lastPrintVolume: 0,
      printKey: '',
      previousBar: undefined,
    },
    todayBar: undefined,
    d250: { high: 0, highDate: '', low: 0, lowDate: '' },
    w52: { high: 0, highDate: '', low: 0, lowDate: '' },
    year: { high: 0, highDate: '', low: 0, lowDate: '' },
  });
  return {
    ...zero,
    stck_shrn_iscd: ticker,
    iscd_stat_cls_code: '00',
    rprs_mrkt_kor_name: '',
    bstp_kor_isnm: '',
  };
}

/** 대용가: what the broker lends against the holding, ~80 % of the base price on the grid. */
export function substitutePrice(s: MarketSnapshot): number {
  return s.base > 0 ? floorToTick(mulDivFloor(s.base, 8, 10), 'ETF') : 0;
}

interface Pivots {
  point: number;
  firstResistance: number;
  secondResistance: number;
  firstSupport: number;
  secondSupport: number;
  demarkResistance: number;
  demarkSupport: number;
}

/** Classic floor-trader pivots and DeMark levels from the previous day's bar (integer KRW). */
function pivots(previous: { open: number; high: number; low: number; close: number } | undefined): Pivots {
  if (!previous)
    return {
      point: 0,
      firstResistance: 0,
      secondResistance: 0,
      firstSupport: 0,
      secondSupport: 0,
      demarkResistance: 0,
      demarkSupport: 0,
    };
  const { open, high, low, close } = previous;
  const point = Math.floor((high + low + close) / 3);
  const x =
    close < open ? high + 2 * low + close : close > open ? 2 * high + low + close : high + low + 2 * close;
  return {
    point,
    firstResistance: 2 * point - low,
    secondResistance: point + (high - low),
    firstSupport: 2 * point - high,
    secondSupport: point - (high - low),
    demarkResistance: Math.floor(x / 2) - low,
    demarkSupport: Math.floor(x / 2) - high,
  };
}

import { kisDate } from '../../../../domain/market';
import { randomFor } from '../../random';
import { ok, type ApiRequest, type ApiResult, type SimServices } from '../context';
import { changeSign, decimal, int, percent } from '../format';
import { LISTED_UNITS, QUOTE_OK, substitutePrice } from './inquire-price';
import { quoteFacts, quotedTicker } from './quote-facts';

/** Largest simulated gap between price and NAV, as a fraction (NAV is informational, not money). */
const MAX_PREMIUM = 0.0015;

/**
 * FHPST02400000 — price plus a simulated NAV that tracks the price within ±0.15 %, or at the premium set through
 * the control API. KIS offers this TR on the real server only; the simulator answers it on its paper host too, so
 * the embedded (paper) desk exercises the NAV guard.
 */
export function inquireEtfPrice(services: SimServices, request: ApiRequest): ApiResult {
  const ticker = quotedTicker(request.query);
  const snapshot = services.market.snapshot(ticker, request.now);
  if (!snapshot) return ok({ output: {}, rt_cd: '1', msg_cd: 'APBK0656', msg1: '해당 종목정보가 없습니다.' });
  const facts = quoteFacts(services.market, snapshot, request.now);
  const s = snapshot;
  const previous = s.previousBar;
  const minute = Math.floor(request.now.getTime() / 60_000);
  const premium = (key: string | number): number =>
    (randomFor(ticker, s.tradeDate, key).next() * 2 - 1) * MAX_PREMIUM;
  const setPremiumBp = services.navPremiums.get(ticker);
  const nav = s.price / (1 + (setPremiumBp === undefined ? premium(minute) : setPremiumBp / 10_000));
  const previousNav = s.base / (1 + premium('previous'));
  const rateTo = (target: number): string => percent(target - s.base, s.base);
  const change = s.price - s.base;
  const output: Record<string, string> = {
    stck_prpr: int(s.price),
    prdy_vrss_sign: changeSign(s.price, s.base, s.band),
    prdy_vrss: int(change),
    prdy_ctrt: percent(change, s.base),
    acml_vol: int(s.volume),
    prdy_vol: int(previous?.volume ?? 0),
    stck_mxpr: int(s.band.upper),
    stck_llam: int(s.band.lower),
    stck_prdy_clpr: int(s.base),
    stck_oprc: int(s.open),
    prdy_clpr_vrss_oprc_rate: s.open > 0 ? rateTo(s.open) : '0.00',
    stck_hgpr: int(s.high),
    prdy_clpr_vrss_hgpr_rate: s.high > 0 ? rateTo(s.high) : '0.00',
    stck_lwpr: int(s.low),
    prdy_clpr_vrss_lwpr_rate: s.low > 0 ? rateTo(s.low) : '0.00',
    prdy_last_nav: decimal(previousNav),
    nav: decimal(nav),
    nav_prdy_vrss: decimal(nav - previousNav),
    nav_prdy_vrss_sign: changeSign(Math.round(nav * 100), Math.round(previousNav * 100)),
    nav_prdy_ctrt: percent(nav - previousNav, previousNav),
    trc_errt: '0.10',
    stck_sdpr: int(s.base),
    stck_sspr: int(substitutePrice(s)),
    etf_crcl_stcn: int(LISTED_UNITS),
    etf_ntas_ttam: int(Math.floor((nav * LISTED_UNITS) / 100_000_000)),
    etf_frcr_ntas_ttam: '0',
    frgn_limt_rate: '100.0000',
    frgn_oder_able_qty: int(LISTED_UNITS),
    etf_cu_unit_scrt_cnt: '50000',
    etf_cnfg_issu_cnt: '1',
    etf_dvdn_cycl: '4',
    crcd: 'KRW',
    etf_crcl_ntas_ttam: '0',
    etf_frcr_crcl_ntas_ttam: '0',
    etf_frcr_last_ntas_wrth_val: '0',
    lp_oder_able_cls_code: 'Y',
    stck_dryy_hgpr: int(facts.year.high),
    dryy_hgpr_vrss_prpr_rate: percent(s.price - facts.year.high, facts.year.high),
    dryy_hgpr_date: kisDate(facts.year.highDate),
    stck_dryy_lwpr: int(facts.year.low),
    dryy_lwpr_vrss_prpr_rate: percent(s.price - facts.year.low, facts.year.low),
    dryy_lwpr_date: kisDate(facts.year.lowDate),
    bstp_kor_isnm: 'ETF',
    vi_cls_code: 'N',
    lstn_stcn: int(LISTED_UNITS),
    frgn_hldn_qty: '0',
    frgn_hldn_qty_rate: '0.00',
    etf_trc_ert_mltp: '1.00',
    dprt: percent(s.price - nav, nav),
    mbcr_name: '',
    stck_lstn_date: '',
    mtrt_date: '0',
    shrg_type_code: '  ',
    lp_hldn_rate: '0.00',
    etf_trgt_nmix_bstp_code: '',
    etf_div_name: '수익증권형',
    etf_rprs_bstp_kor_isnm: services.market.name(ticker),
    lp_hldn_vol: '0',
  };
  return ok({ output, ...QUOTE_OK });
}

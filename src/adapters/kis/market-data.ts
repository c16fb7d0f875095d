import type { Clock } from '../../domain/clock';
import { addDays, fromKisDate, isKstDate, kisDate, type KstDate } from '../../domain/market';
import type {
  BrokerDistribution,
  BrokerEnvironment,
  DailyBar,
  EtfNav,
  MarketDayAnswer,
  Quote,
} from '../../domain/ports';
import type { KisHttpClient } from './http/client';
import { KisRejectedError } from './http/errors';
import {
  dailyChartResponseSchema,
  dividendResponseSchema,
  etfPriceResponseSchema,
  holidayResponseSchema,
  quoteResponseSchema,
} from './http/schemas';
import { isKisTicker } from './ticker';
import { isRealOnlyTr, KIS_PATHS, REAL_TR_IDS, trIdFor } from './urls';

export interface KisMarketDataDeps {
  http: KisHttpClient;
  environment: BrokerEnvironment;
  clock: Clock;
  /** Display names (inquire-price carries none); falls back to the ticker. */
  nameOf?: (ticker: string) => string | undefined;
  /** The server answers the ETF price TR in paper too (the built-in simulator does; KIS does not). */
  etfNavOnPaper?: boolean;
}

/** iscd_stat_cls_code 58 = 거래정지 (trading suspended). */
const SUSPENDED_STATUS = '58';
const BARS_PER_CALL = 100;
const MAX_CHART_CALLS = 400;

export async function fetchQuote(deps: KisMarketDataDeps, ticker: string): Promise<Quote> {
  assertTicker(ticker);
  const { body } = await deps.http.read({
    path: KIS_PATHS.quote,
    trId: trIdFor(deps.environment, REAL_TR_IDS.quote),
    schema: quoteResponseSchema,
    query: { FID_COND_MRKT_DIV_CODE: 'J', FID_INPUT_ISCD: ticker },
  });
  const o = body.output;
  // python-kis: an unknown code answers with stck_prpr "0" rather than an error code.
  if (o.stck_prpr <= 0) throw new KisRejectedError('UNKNOWN_TICKER', `no price for ${ticker}`, 'never');
  return {
    ticker,
    name: o.hts_kor_isnm?.trim() || deps.nameOf?.(ticker) || ticker,
    price: o.stck_prpr,
    open: o.stck_oprc,
    high: o.stck_hgpr,
    low: o.stck_lwpr,
    basePrice: o.stck_sdpr,
    upperLimit: o.stck_mxpr,
    lowerLimit: o.stck_llam,
    changeFromPrevious: o.prdy_vrss,
    volume: o.acml_vol,
    tickSize: o.aspr_unit,
    halted: o.temp_stop_yn === 'Y' || o.iscd_stat_cls_code === SUSPENDED_STATUS,
    asOf: deps.clock.now(),
  };
}

/**
 * Daily bars in [from, to], ascending, one per date. The chart API returns at most 100 bars per call, newest
 * first, and has no tr_cont paging: each further call ends the day before the oldest bar seen so far.
 */
export async function fetchDailyBars(
  deps: KisMarketDataDeps,
  ticker: string,
  from: KstDate,
  to: KstDate,
): Promise<DailyBar[]> {
  assertTicker(ticker);
  if (!isKstDate(from) || !isKstDate(to))
    throw new KisRejectedError('INVALID_RANGE', 'dates must be YYYY-MM-DD', 'never');
  const bars = new Map<KstDate, DailyBar>();
  let end = to;
  for (let call = 0; call < MAX_CHART_CALLS && end >= from; call++) {
    const { body } = await deps.http.read({
      path: KIS_PATHS.dailyChart,
      trId: trIdFor(deps.environment, REAL_TR_IDS.dailyChart),
      schema: dailyChartResponseSchema,
      query: {
        FID_COND_MRKT_DIV_CODE: 'J',
        FID_INPUT_ISCD: ticker,
        FID_INPUT_DATE_1: kisDate(from),
        FID_INPUT_DATE_2: kisDate(end),
        FID_PERIOD_DIV_CODE: 'D',
        // 0 = 수정주가 (splits and KRX base-price revaluations adjusted); ordinary ETF distributions are not
        // added back under 0 or 1, so the strategy adjusts for them itself (docs/backtest/price-basis.md).
        FID_ORG_ADJ_PRC: '0',
      },
    });
    const rows = body.output2.filter((r) => /^\d{8}$/.test(r.stck_bsop_date.trim()));
    let oldest: KstDate | null = null;
    for (const row of rows) {
      const date = fromKisDate(row.stck_bsop_date.trim());
      if (oldest === null || date < oldest) oldest = date;
      if (date < from || date > to || bars.has(date)) continue;
      bars.set(date, {
        date,
        open: row.stck_oprc,
        high: row.stck_hgpr,
        low: row.stck_lwpr,
        close: row.stck_clpr,
        volume: row.acml_vol,
      });
    }
    if (rows.length < BARS_PER_CALL || oldest === null || oldest <= from || oldest > end) break;
    end = addDays(oldest, -1);
  }
  return [...bars.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Cash distributions of `ticker` whose record date lies in [from, to], from 예탁원정보(배당일정). The daily
 * chart's bars are on the price basis under either FID_ORG_ADJ_PRC value (docs/backtest/price-basis.md), so
 * the signal adjusts them with these (src/domain/strategy/price-basis.ts).
 */
export async function fetchDistributions(
  deps: KisMarketDataDeps,
  ticker: string,
  from: KstDate,
  to: KstDate,
): Promise<BrokerDistribution[]> {
  assertTicker(ticker);
  const { body } = await deps.http.read({
    path: KIS_PATHS.dividend,
    trId: trIdFor(deps.environment, REAL_TR_IDS.dividend),
    schema: dividendResponseSchema,
    query: { CTS: '', GB1: '0', F_DT: kisDate(from), T_DT: kisDate(to), SHT_CD: ticker, HIGH_GB: '' },
  });
  return body.output1
    .filter(
      (r) => r.sht_cd.trim() === ticker && /^\d{8}$/.test(r.record_date.trim()) && r.per_sto_divi_amt > 0,
    )
    .map((r) => ({ ticker, recordDate: fromKisDate(r.record_date.trim()), amount: r.per_sto_divi_amt }));
}

/** Whether KRX opens on `date`, from KIS chk-holiday (real server only; paper answers `known: false`). */
export async function fetchMarketDay(deps: KisMarketDataDeps, date: KstDate): Promise<MarketDayAnswer> {
  if (!isKstDate(date)) throw new KisRejectedError('INVALID_DATE', `not a date: ${date}`, 'never');
  if (deps.environment === 'paper')
    return { known: false, reason: 'KIS offers chk-holiday (CTCA0903R) on the real server only' };
  const { body } = await deps.http.read({
    path: KIS_PATHS.holiday,
    trId: REAL_TR_IDS.holiday,
    schema: holidayResponseSchema,
    query: { BASS_DT: kisDate(date), CTX_AREA_NK: '', CTX_AREA_FK: '' },
  });
  const row = body.output.find((r) => r.bass_dt === kisDate(date));
  return row
    ? { known: true, open: row.opnd_yn === 'Y' }
    : { known: false, reason: `chk-holiday has no row for ${date}` };
}

/** NAV and premium (괴리율) from the ETF/ETN price TR, which KIS offers on the real host only. */
export async function fetchEtfNav(deps: KisMarketDataDeps, ticker: string): Promise<EtfNav> {
  assertTicker(ticker);
  if (deps.environment === 'paper' && isRealOnlyTr(REAL_TR_IDS.etfPrice) && !deps.etfNavOnPaper) {
    return { supported: false, ticker, reason: 'KIS offers ETF NAV (FHPST02400000) on the real server only' };
  }
  const { body } = await deps.http.read({
    path: KIS_PATHS.etfPrice,
    trId: trIdFor(deps.environment, REAL_TR_IDS.etfPrice),
    schema: etfPriceResponseSchema,
    query: { FID_COND_MRKT_DIV_CODE: 'J', FID_INPUT_ISCD: ticker },
  });
  return {
    supported: true,
    ticker,
    nav: body.output.nav,
    previousNav: body.output.prdy_last_nav,
    premiumPercent: body.output.dprt,
    asOf: deps.clock.now(),
  };
}

function assertTicker(ticker: string): void {
  if (!isKisTicker(ticker)) {
    throw new KisRejectedError(
      'INVALID_TICKER',
      `ticker must be 6 digits (or Q + 6 digits), got "${ticker}"`,
      'never',
    );
  }
}

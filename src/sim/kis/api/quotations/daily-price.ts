import { addDays, kisDate, kstDate } from '../../../../domain/market';
import { ApiError, ok, type ApiRequest, type ApiResult, type SimServices } from '../context';
import { changeSign, int, percent } from '../format';
import { barsWithToday } from './daily-chart';
import { QUOTE_OK } from './inquire-price';
import { aggregateBars, parsePeriod } from './period-bars';
import { quotedTicker } from './quote-facts';

const ROWS = 30;
const LOOKBACK_DAYS: Record<'D' | 'W' | 'M', number> = { D: 60, W: 240, M: 1_000 };

/** FHKST01010400 — the last 30 days / weeks / months, newest first, today's bar included once it traded. */
export function inquireDailyPrice(services: SimServices, request: ApiRequest): ApiResult {
  const ticker = quotedTicker(request.query);
  const period = parsePeriod(request.query.require('FID_PERIOD_DIV_CODE'));
  if (!period || period === 'Y')
    throw new ApiError(500, 'OPSQ2001', 'ERROR : INPUT INVALID FID_PERIOD_DIV_CODE');
  if (!services.market.snapshot(ticker, request.now)) return ok({ output: [], ...QUOTE_OK });
  const today = kstDate(request.now);
  const daily = barsWithToday(services, ticker, request.now, addDays(today, -LOOKBACK_DAYS[period]), today);
  const bars = aggregateBars(daily, period);
  const output: Array<Record<string, string>> = [];
  for (let i = bars.length - 1; i >= 1 && output.length < ROWS; i--) {
    const bar = bars[i]!;
    const previous = bars[i - 1]!;
    output.push({
      stck_bsop_date: kisDate(bar.date),
      stck_oprc: int(bar.open),
      stck_hgpr: int(bar.high),
      stck_lwpr: int(bar.low),
      stck_clpr: int(bar.close),
      acml_vol: int(bar.volume),
      prdy_vrss_vol_rate: percent(bar.volume - previous.volume, previous.volume),
      prdy_vrss: int(bar.close - previous.close),
      prdy_vrss_sign: changeSign(bar.close, previous.close),
      prdy_ctrt: percent(bar.close - previous.close, previous.close),
      hts_frgn_ehrt: '0.00',
      frgn_ntby_qty: '0',
      flng_cls_code: '00',
      acml_prtt_rate: '0.00',
    });
  }
  return ok({ output, ...QUOTE_OK });
}

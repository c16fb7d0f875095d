import { kisDate } from '../../../../domain/market';
import { ok, type ApiRequest, type ApiResult, type SimServices } from '../context';
import { parseDate } from './daily-chart';
import { QUOTE_OK } from './inquire-price';

/**
 * HHKDB669102C0 예탁원정보(배당일정) — the distributions of one ticker (SHT_CD) whose record date falls in
 * [F_DT, T_DT], from the simulator's `distributions` option (none by default: the shipped prices already
 * contain them). The record date (record_date) is the trading day after the ex-date (T+2 settlement);
 * per_sto_divi_amt is the cash per share. Field names follow the official sample (open-trading-api
 * examples_llm/domestic_stock/ksdinfo_dividend); the whole answer fits one page (no CTS paging here).
 */
export function ksdinfoDividend(services: SimServices, request: ApiRequest): ApiResult {
  const { query } = request;
  const from = parseDate(query.require('F_DT'), 'F_DT');
  const to = parseDate(query.require('T_DT'), 'T_DT');
  const ticker = (query.get('SHT_CD') ?? '').trim();
  const tickers = ticker ? [ticker] : services.market.tickers();
  const output1: Array<Record<string, string>> = [];
  for (const t of tickers) {
    if (!services.market.has(t)) continue;
    for (const d of services.market.distributionsOf(t, services.calendar.previousTradingDay(from), to)) {
      const record = services.calendar.nextTradingDay(d.exDate);
      if (record < from || record > to) continue;
      output1.push({
        record_date: kisDate(record),
        sht_cd: t,
        isin_name: services.market.name(t),
        divi_kind: '분배',
        face_val: '0',
        per_sto_divi_amt: String(d.amount),
        divi_rate: '0.00',
        stk_divi_rate: '0.00',
        divi_pay_dt: kisDate(services.calendar.nextTradingDay(services.calendar.nextTradingDay(record))),
        stk_div_pay_dt: '',
        odd_pay_dt: '',
        stk_kind: '수익증권',
        high_divi_gb: '',
      });
    }
  }
  return ok({ output1, ...QUOTE_OK });
}

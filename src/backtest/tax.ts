/**
 * Korean tax on ETF gains, per ETF class and account type (rules as of 2024–2026):
 *  - Domestic-equity ETFs (국내 주식형 ETF: tracks a domestic stock index, not leveraged/inverse): gains on sale
 *    are not taxed (소득세법 시행령 §26-2 ⑤, the listed-stock exemption extends to them); distributions from
 *    dividends are (15.4 %), but the shipped prices are distribution-adjusted, so they stay inside the price.
 *  - Every other ETF (bond, commodity, overseas-equity, leveraged and inverse: "기타 ETF"): 15.4 %
 *    (14 % income tax + 1.4 % local tax) of the gain at sale and of every distribution, as dividend income
 *    (소득세법 §17 ①5, 시행령 §26-2). Modelled as 15.4 % of the realised gain at sale over the average cost:
 *    with distribution-adjusted prices that gain contains the distributions, taxed at the sale instead of at
 *    each payout (a timing approximation, and the KRX 과표기준가 is approximated by the price).
 *  - ISA (조세특례제한법 §91-18): gains and losses are netted over the account; 2,000,000 KRW of net gain is
 *    exempt (general type) and the rest is taxed at 9.9 % when the account is closed — charged once at the end.
 *  - Pension savings (연금저축, 조세특례제한법 §86-2 / 소득세법 §20-3): no tax inside the account; 3.3–5.5 %
 *    pension income tax on withdrawal, outside the backtest. Modelled as no tax.
 * Sources: National Tax Service guidance on ETF taxation (국세청 "ETF 과세" 안내) and KRX "ETF 세제" pages;
 * rates as stated above. Financial-income comprehensive taxation (> 20,000,000 KRW a year) is not modelled.
 */
import { z } from 'zod';
import { mulDivFloor, type Krw } from '../domain/money';

export const ACCOUNT_TYPES = ['taxable', 'isa', 'pension'] as const;
export const accountTypeSchema = z.enum(ACCOUNT_TYPES);
export type AccountType = z.infer<typeof accountTypeSchema>;

export type EtfTaxClass = 'DOMESTIC_EQUITY' | 'OTHER';

/** Domestic-equity ETFs among the shipped tickers; every other ticker is taxed as "기타 ETF". */
const DOMESTIC_EQUITY = new Set([
  '069500', // KODEX 200
  '102110', // TIGER 200
  '229200', // KODEX 코스닥150
  '091160', // KODEX 반도체
  '139260', // TIGER 200 IT
  '305720', // KODEX 2차전지산업
]);

export function etfTaxClass(ticker: string): EtfTaxClass {
  return DOMESTIC_EQUITY.has(ticker) ? 'DOMESTIC_EQUITY' : 'OTHER';
}

/** 15.4 % in basis points. */
export const DIVIDEND_INCOME_TAX_BP = 1_540;
export const ISA_RATE_BP = 990;
export const ISA_EXEMPT_GAIN: Krw = 2_000_000;

/** Tax withheld on one sale in a taxable account: 15.4 % of a positive gain of a non-domestic-equity ETF. */
export function saleTax(account: AccountType, ticker: string, gain: Krw): Krw {
  if (account !== 'taxable' || gain <= 0 || etfTaxClass(ticker) === 'DOMESTIC_EQUITY') return 0;
  return mulDivFloor(gain, DIVIDEND_INCOME_TAX_BP, 10_000);
}

/** The ISA's tax when it is closed: 9.9 % of the net taxable gain above the exemption. */
export function isaClosingTax(netTaxableGain: Krw): Krw {
  return netTaxableGain <= ISA_EXEMPT_GAIN
    ? 0
    : mulDivFloor(netTaxableGain - ISA_EXEMPT_GAIN, ISA_RATE_BP, 10_000);
}

/**
 * The tax still due if every holding were sold on the last day (so that after-tax figures compare a strategy
 * that sells often with one that holds): taxable — 15.4 % of each non-domestic-equity ETF's unrealised
 * gain; ISA — the closing tax on the net realised plus unrealised gain of those ETFs; pension — none.
 */
export function liquidationTax(
  account: AccountType,
  unrealised: readonly { ticker: string; gain: Krw }[],
  realisedTaxableGain: Krw,
): Krw {
  if (account === 'pension') return 0;
  if (account === 'isa') {
    const open = unrealised.filter((u) => etfTaxClass(u.ticker) === 'OTHER').reduce((s, u) => s + u.gain, 0);
    return isaClosingTax(realisedTaxableGain + open);
  }
  return unrealised.reduce((sum, u) => sum + saleTax(account, u.ticker, u.gain), 0);
}

import { kstInstant, type OrderType } from '../../../src/domain/market';
import type { RiskCode } from '../../../src/domain/risk/codes';
import type { GuardInput } from '../../../src/domain/risk/input';
import { DEFAULT_RISK_LIMITS } from '../../../src/domain/risk/limits';
import { aBuy, aGuardInput, anAccount, aNav, aQuote, aBuyingPower, aSell, TRADING_MORNING } from './builders';

export interface DenialScenario {
  code: RiskCode;
  when: string;
  input: GuardInput;
}

/** One minimal change to the allowed baseline per denial code. */
export const DENIAL_SCENARIOS: readonly DenialScenario[] = [
  { code: 'TRADING_HALTED', when: 'trading is HALTED and a buy arrives', input: aGuardInput({ tradingState: 'HALTED' }) },
  { code: 'TRADING_REDUCING', when: 'trading is REDUCING and a buy arrives', input: aGuardInput({ tradingState: 'REDUCING' }) },
  {
    code: 'TICKER_NOT_ALLOWED',
    when: 'the ticker is not in the ETF universe',
    input: aGuardInput({ order: aBuy({ ticker: '005930' }), quote: aQuote({ ticker: '005930' }) }),
  },
  { code: 'INVALID_QUANTITY', when: 'the quantity is a fraction of a share', input: aGuardInput({ order: aBuy({ quantity: 1.5 }) }) },
  {
    code: 'INVALID_PRICE',
    when: 'a limit order has no price',
    input: aGuardInput({ order: aBuy({ limitPrice: undefined }) }),
  },
  { code: 'PRICE_OFF_TICK', when: 'the limit price is off the 5 KRW tick', input: aGuardInput({ order: aBuy({ limitPrice: 10_003 }) }) },
  {
    code: 'PRICE_UNAVAILABLE',
    when: 'the quote is older than maxQuoteAgeMs',
    input: aGuardInput({ quote: aQuote({ asOf: new Date(TRADING_MORNING.getTime() - 10_001) }) }),
  },
  { code: 'INSTRUMENT_HALTED', when: 'the quote says the ETF is suspended', input: aGuardInput({ quote: aQuote({ halted: true }) }) },
  { code: 'ACCOUNT_STATE_UNKNOWN', when: 'there is no account snapshot', input: aGuardInput({ account: null }) },
  {
    code: 'DAILY_LOSS_LIMIT',
    when: 'equity is 3.85 % below the start-of-day NAV and a buy arrives',
    input: aGuardInput({ account: anAccount({ startOfDayNav: 1_040_000 }) }),
  },
  {
    code: 'NAV_FLOOR',
    when: 'equity is below 800,000 KRW and a buy arrives',
    input: aGuardInput({ account: anAccount({ cash: 190_000, startOfDayNav: 800_000 }) }),
  },
  {
    code: 'PRICE_OUTSIDE_BAND',
    when: 'the limit price is above the upper limit',
    input: aGuardInput({ quote: aQuote({ upperLimit: 10_000 }), order: aBuy({ limitPrice: 10_050 }) }),
  },
  {
    code: 'PRICE_TOO_FAR_FROM_QUOTE',
    when: 'the limit price is 5 % above the quote',
    input: aGuardInput({ order: aBuy({ limitPrice: 10_500 }) }),
  },
  {
    code: 'NAV_PREMIUM',
    when: 'a buy at 10,100 pays 0.6 % over a NAV of 10,039.76 with a 0.5 % limit',
    input: aGuardInput({
      order: aBuy({ limitPrice: 10_100 }),
      quote: aQuote({ price: 10_100 }),
      nav: aNav({ nav: 10_039.76 }),
    }),
  },
  {
    code: 'NAV_UNAVAILABLE',
    when: 'a real account cannot read the NAV',
    input: aGuardInput({ nav: null }),
  },
  {
    code: 'MAX_ORDER_VALUE',
    when: 'a sell is worth 310,000 KRW',
    input: aGuardInput({ order: aSell({ ticker: '102110', quantity: 31 }), quote: aQuote({ ticker: '102110' }) }),
  },
  {
    code: 'MAX_POSITION_WEIGHT',
    when: 'the buy lifts the position to 25 % of NAV with a 20 % limit',
    input: aGuardInput({ limits: { ...DEFAULT_RISK_LIMITS, maxPositionWeightBp: 2_000 } }),
  },
  {
    code: 'INSUFFICIENT_BUYING_POWER',
    when: 'the broker allows 40,000 KRW and the buy needs 50,000 KRW',
    input: aGuardInput({ account: anAccount({ buyingPower: aBuyingPower({ maxAmount: 40_000 }) }) }),
  },
  {
    code: 'FAT_FINGER',
    when: 'the buy is worth more than 10 % of the cash with a 10 % limit',
    input: aGuardInput({ limits: { ...DEFAULT_RISK_LIMITS, fatFingerCashBp: 1_000 } }),
  },
  {
    code: 'INSUFFICIENT_HOLDINGS',
    when: 'the sell exceeds the orderable quantity',
    input: aGuardInput({ order: aSell({ quantity: 25 }) }),
  },
  { code: 'MAX_ORDERS_PER_DAY', when: '10 orders were already sent today', input: aGuardInput({ ordersToday: 10 }) },
  {
    code: 'DUPLICATE_OPEN_ORDER',
    when: 'an open buy of the same ticker exists',
    input: aGuardInput({ openOrders: [{ ticker: '069500', side: 'BUY', remainingQuantity: 3 }] }),
  },
  {
    code: 'DEFER_QUEUE_FULL',
    when: 'the order would wait for the open but 20 approved orders already wait',
    input: aGuardInput({ now: kstInstant('2026-03-10', 7, 0), deferredQueue: { size: 20, max: 20 } }),
  },
  {
    code: 'MARKET_CLOSED',
    when: 'the order type is one KRX never accepts',
    input: aGuardInput({ order: aBuy({ orderType: 'STOP' as OrderType, limitPrice: undefined }) }),
  },
];

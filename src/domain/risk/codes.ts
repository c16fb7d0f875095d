/** Every reason the guard can refuse an order. A closed list: the Discord card and the audit log key on these. */
export const RISK_CODES = [
  'TRADING_HALTED',
  'TRADING_REDUCING',
  'TICKER_NOT_ALLOWED',
  'INVALID_QUANTITY',
  'INVALID_PRICE',
  'PRICE_OFF_TICK',
  'PRICE_UNAVAILABLE',
  'INSTRUMENT_HALTED',
  'ACCOUNT_STATE_UNKNOWN',
  'DAILY_LOSS_LIMIT',
  'NAV_FLOOR',
  'PRICE_OUTSIDE_BAND',
  'PRICE_TOO_FAR_FROM_QUOTE',
  'NAV_PREMIUM',
  'NAV_UNAVAILABLE',
  'MAX_ORDER_VALUE',
  'MAX_POSITION_WEIGHT',
  'INSUFFICIENT_BUYING_POWER',
  'FAT_FINGER',
  'INSUFFICIENT_HOLDINGS',
  'MAX_ORDERS_PER_DAY',
  'DUPLICATE_OPEN_ORDER',
  'MARKET_CLOSED',
  'ORDER_BLACKOUT',
  'DEFER_QUEUE_FULL',
] as const;

export type RiskCode = (typeof RISK_CODES)[number];

/** The rules in the order the guard runs them; the first failing one names the denial. */
export const RISK_RULES = [
  'tradingState',
  'allowList',
  'quantity',
  'priceTick',
  'priceData',
  'instrumentStatus',
  'accountData',
  'dailyLoss',
  'navFloor',
  'priceBand',
  'quoteDistance',
  'navPremium',
  'orderValue',
  'positionWeight',
  'buyingPower',
  'fatFinger',
  'holdings',
  'ordersPerDay',
  'duplicateOpenOrder',
  'session',
  'blackout',
  'deferQueue',
] as const;

export type RiskRule = (typeof RISK_RULES)[number];

/** A breaker the caller must trip (to REDUCING) when the guard reports it. */
export type BreakerKind = 'DAILY_LOSS' | 'NAV_FLOOR';

/** Why a quote or an account snapshot cannot be trusted. */
export const DATA_PROBLEMS = [
  'MISSING',
  'STALE',
  'WRONG_TICKER',
  'NO_PRICE',
  'BAD_LIMITS',
  'NO_BUYING_POWER',
  'BUYING_POWER_STALE',
  'POSITION_NOT_PRICED',
  'NO_START_OF_DAY_NAV',
  'UNSUPPORTED',
] as const;

export type DataProblem = (typeof DATA_PROBLEMS)[number];

import type { RiskCatalog } from '../../domain/risk/catalog';

export const riskEn: RiskCatalog = {
  locale: 'en',
  codes: {
    TRADING_HALTED: 'Trading is HALTED. Only cancels are accepted.',
    TRADING_REDUCING: 'Trading is REDUCING. Only sells of holdings are accepted ({ticker} {side:side}).',
    TICKER_NOT_ALLOWED: '{ticker} is not on the allowed ETF list.',
    INVALID_QUANTITY: 'The quantity ({quantity}) must be a whole number of at least 1 share.',
    INVALID_PRICE:
      'The price ({limitPrice}) is invalid: a limit order needs a positive whole price, a market order none.',
    PRICE_OFF_TICK:
      'The limit {limitPrice:krw} is not on the {tick:krw} tick. Use {below:krw} or {above:krw}.',
    PRICE_UNAVAILABLE: 'No trustworthy quote for {ticker} ({problem:problem}). Fetch the quote again.',
    INSTRUMENT_HALTED: '{ticker} is suspended from trading.',
    ACCOUNT_STATE_UNKNOWN: 'The account state is unknown ({problem:problem}). Fetch the balance again.',
    DAILY_LOSS_LIMIT:
      'Equity {equity:krw} is {lossBp:pct} below the start-of-day {startOfDayNav:krw}, at the daily loss limit of {maxLossBp:pct}. Buys are blocked.',
    NAV_FLOOR: 'Equity {equity:krw} is below the floor of {navFloor:krw}. Buys are blocked.',
    PRICE_OUTSIDE_BAND: "The limit {limitPrice:krw} is outside today's price band {lower:krw}–{upper:krw}.",
    PRICE_TOO_FAR_FROM_QUOTE:
      'The limit {limitPrice:krw} is {distanceBp:pct} away from the quote {quotePrice:krw} (max {maxBp:pct}).',
    NAV_PREMIUM:
      'The {ticker} {side:side} price {price:krw} is {premiumBp:pct} from the NAV of ₩{nav}, outside ±{maxBp:pct}.',
    NAV_UNAVAILABLE:
      'The NAV (iNAV) of {ticker} is unavailable ({problem:problem}). Live accounts refuse the order; paper only warns.',
    MAX_ORDER_VALUE: 'The order value {orderValue:krw} exceeds the per-order limit of {maxOrderValue:krw}.',
    MAX_POSITION_WEIGHT:
      'After this order {ticker} would weigh {weightBp:pct}, above the limit of {maxBp:pct}.',
    INSUFFICIENT_BUYING_POWER: 'The order needs {required:krw} but only {available:krw} is orderable.',
    FAT_FINGER: 'The buy of {orderValue:krw} exceeds {maxBp:pct} of the cash {cash:krw} ({limit:krw}).',
    INSUFFICIENT_HOLDINGS: 'Selling {quantity} shares of {ticker} but only {orderableQuantity} are sellable.',
    MAX_ORDERS_PER_DAY: '{ordersToday} orders today: the daily limit of {maxOrdersPerDay} is reached.',
    DUPLICATE_OPEN_ORDER:
      'There is already an open {side:side} order for {ticker} ({remainingQuantity} shares left).',
    MARKET_CLOSED: 'The exchange cannot accept this order now ({reason:reason}). Accepted from: {opensAt}',
    ORDER_BLACKOUT:
      'KIS maintenance window ({windows}): nothing is sent. After {until} the guard checks again with fresh data and sends it. Reason: {note}',
    DEFER_QUEUE_FULL:
      '{waiting} approved orders are already waiting, the limit is {max}. Propose again once some have gone out.',
  },
  rules: {
    tradingState: 'Trading state',
    allowList: 'Allowed tickers',
    quantity: 'Quantity',
    priceTick: 'Tick size',
    priceData: 'Quote',
    instrumentStatus: 'Instrument status',
    accountData: 'Account state',
    dailyLoss: 'Daily loss limit',
    navFloor: 'NAV floor',
    priceBand: 'Price band',
    quoteDistance: 'Distance from quote',
    navPremium: 'Premium to NAV',
    orderValue: 'Per-order limit',
    positionWeight: 'Position weight',
    buyingPower: 'Buying power',
    fatFinger: 'Buy size vs cash',
    holdings: 'Sellable quantity',
    ordersPerDay: 'Orders per day',
    duplicateOpenOrder: 'Duplicate open order',
    session: 'Market session',
    blackout: 'KIS maintenance window',
    deferQueue: 'Waiting orders limit',
  },
  passes: {
    navPremium: '{premiumBp:pct} vs NAV ₩{nav} (limit ±{maxBp:pct})',
  },
  outcomes: { ALLOW: 'Allowed', DENY: 'Denied', DEFER: 'Deferred' },
  breakers: {
    DAILY_LOSS: 'Daily loss limit reached: the desk must switch to REDUCING.',
    NAV_FLOOR: 'NAV below the floor: the desk must switch to REDUCING.',
  },
  sides: { BUY: 'buy', SELL: 'sell' },
  tradingStates: { ACTIVE: 'active', REDUCING: 'reducing', HALTED: 'halted' },
  sessionRefusals: {
    CLOSED_DAY: 'market holiday',
    BEFORE_OPEN: 'before the open',
    AFTER_CLOSE: 'after the close',
    PAPER_REGULAR_HOURS_ONLY: 'paper trading accepts orders 09:00–15:30 only',
    WRONG_SESSION: 'order type not accepted in this session',
    UNKNOWN_ORDER_TYPE: 'unknown order type',
  },
  dataProblems: {
    MISSING: 'missing',
    STALE: 'stale',
    WRONG_TICKER: "another ticker's quote",
    NO_PRICE: 'zero price',
    BAD_LIMITS: 'invalid band limits',
    NO_BUYING_POWER: 'no orderable amount',
    BUYING_POWER_STALE: 'orderable amount is stale',
    POSITION_NOT_PRICED: 'a holding has no price',
    UNSUPPORTED: 'not offered by this server',
    NO_START_OF_DAY_NAV: 'no start-of-day NAV',
  },
};

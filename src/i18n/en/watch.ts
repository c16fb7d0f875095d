import type { WatchCatalog } from '../ko/watch';

export const watchEn: WatchCatalog = {
  conditions: {
    buy_ma20_pullback: 'MA20 pullback (buy)',
    buy_breakout: '20-day breakout (buy)',
    buy_rsi_bounce: 'RSI oversold bounce (buy)',
    sell_stop_loss: 'stop loss',
    sell_take_profit: 'take profit',
    sell_trailing_stop: 'trailing stop',
    sell_ma_break: 'MA50 break',
    sell_climax: 'volume climax down',
  },
  alertTitle: (name, ticker, condition) => `🔔 Watch: ${name} (${ticker}) — ${condition}`,
  alertPrice: (price) => `Price ${price} KRW`,
  severityHigh: 'High severity (below MA200 too)',
  sellProposed: 'A sell proposal is up. Nothing is ordered without ✅.',
  sellExisting: (intentId) =>
    `A sell proposal for this ETF is already open (${intentId.slice(0, 8)}); no new one.`,
  sellNotProposed: 'The sell proposal could not be made. Check with /trade.',
  buyHint: 'The button opens a /trade thread about this ETF.',
  openTrade: 'Discuss this ETF',
  tradeQuestion: (name, ticker, condition) =>
    `The watch condition "${condition}" fired on ${name} (${ticker}). Should I buy now?`,
  numbers: (pairs) => `Numbers: ${pairs}`,
  list: {
    title: 'Watchlist',
    empty: 'The watchlist is empty. Add one with /watch add <ticker>. Holdings are watched automatically.',
    line: (name, ticker, price, conditions) => `• ${name} (${ticker}) ${price} — ${conditions}`,
    held: 'held',
    noPrice: 'no price',
    distance: (condition, pct) => `${condition} ${pct}`,
    state: (state, subscribed, max) => `State: ${state} · realtime ${subscribed}/${max}`,
    fired: 'firing',
    noTrigger: 'no price trigger',
    listed: 'watchlist',
  },
  states: {
    market_open: 'watching (market open)',
    market_closed: 'market closed (no KIS calls)',
    idle: 'nothing to watch',
    degraded: 'degraded (REST polling or registrations exceeded)',
  },
  status: {
    title: 'Intraday watch',
    summary: (state, watched, subscribed, max) =>
      `${state} · ${watched} watched · realtime registrations ${subscribed}/${max}`,
    feed: (feed, downSince) => (downSince ? `Feed: ${feed} (down since ${downSince})` : `Feed: ${feed}`),
    counts: (ticks, malformed, polls, evaluations, firings) =>
      `ticks ${ticks} · malformed ${malformed} · REST polls ${polls} · evaluations ${evaluations} · firings ${firings}`,
    lastTicks: (pairs) => `Last tick: ${pairs}`,
    notSubscribed: (tickers) => `Not subscribed: ${tickers}`,
  },
  notConfigured: 'The intraday watch is not configured on this desk. Nothing changed.',
  added: (name, ticker, conditions) => `Watching ${name} (${ticker}): ${conditions}`,
  replaced: (name, ticker, conditions) => `Changed the conditions of ${name} (${ticker}): ${conditions}`,
  removed: (ticker) => `Removed ${ticker} from the watchlist.`,
  notListed: (ticker) => `${ticker} is not on the watchlist. Nothing changed.`,
  errors: {
    UNKNOWN_TICKER: (detail) => `"${detail}" is not an ETF of this desk. Nothing changed.`,
    TOO_MANY: (detail) =>
      `Realtime covers at most ${detail} tickers (KIS allows 41 registrations per session, the fill notice takes one). Remove one and try again. Nothing changed.`,
    BAD_CONDITION: (detail) =>
      `"${detail}" is not a condition. Known: buy_ma20_pullback, buy_breakout, buy_rsi_bounce, sell_stop_loss, sell_take_profit, sell_trailing_stop, sell_ma_break, sell_climax. Nothing changed.`,
    BAD_THRESHOLD: (detail) => `A threshold is out of range (${detail}). Nothing changed.`,
  },
  usage: 'Usage: /watch add <ticker> [conditions,…] · /watch remove <ticker> · /watch list',
  feedDown: (seconds) =>
    `The realtime price feed has been down for ${seconds} s; the watch continues on REST quotes.`,
};

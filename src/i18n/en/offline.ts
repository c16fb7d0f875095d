/** English text of the offline planner: the same keys as `ko/offline.ts`. */
import type { OfflineMessages, OfflineToolName } from '../ko/offline';

const toolLabels: Record<OfflineToolName, string> = {
  get_quote: 'quote',
  get_price_history: 'price history',
  get_portfolio: 'portfolio',
  get_buying_power: 'buying power',
  search_memory: 'memory search',
  search_news: 'news search',
  get_trading_state: 'trading state',
  propose_order: 'order proposal',
};

export const offlineEn: OfflineMessages = {
  notice: 'Offline mode: answering by rules, without a language model.',
  help: [
    'Requests I understand, for example:',
    '• Quote: "price of 069500", "how much is KODEX 200"',
    '• Chart: "069500 chart for the last month"',
    '• Portfolio: "my portfolio", "balance"',
    '• Buying power: "buying power for 069500"',
    '• Order proposal: "buy 5 shares of 360750 at 20,000", "sell 2 shares of 069500 at market"',
    '• Search: "search news about semiconductors", "find the last briefing"',
    '• Trading state: "trading state"',
    'Name the ETF by its 6-digit code or its exact name.',
  ].join('\n'),
  notUnderstood: 'I did not understand the request.',
  askTicker: 'I could not tell which security you mean. Please give its 6-digit code (e.g. 069500).',
  unknownTicker: (p) =>
    `${p.ticker} is not one of the desk's securities. Please give the 6-digit code of one that is (e.g. 069500).`,
  ambiguousTickers: (p) =>
    `I see several securities (${p.tickers.join(', ')}). Please name one 6-digit code.`,
  askQuantity: (p) => `How many shares of ${p.ticker}? Please give a whole number, e.g. "3 shares".`,
  askSide: 'Do you want to buy or to sell?',
  askLimitPrice: (p) =>
    `A limit order needs a price, e.g. "buy 3 shares of ${p.ticker} at 35,000", or say "at market".`,
  conflictingOrderType:
    'You said "market" and also gave a price. Please choose a market order or a limit price.',
  wholeWonPrice: 'Please give the price in whole won, e.g. 35,000.',
  toolUnavailable: (p) => `The ${toolLabels[p.tool]} function is not available here.`,
  orderRationale: (p) => `Order requested directly by the user: "${p.request}"`,
  proposalNote:
    'This is only a proposal. Nothing is sent to the broker until someone presses the approve button (✅).',
  noResults: '(no results)',
  moreItems: (p) => `… and ${p.count} more`,
  itemCount: (p) => `${p.count} items`,
  toolLabels,
  sentences: {
    order: (p) =>
      `${p.side === 'BUY' ? 'buy' : 'sell'} ${p.quantity.toLocaleString('en-US')} ${p.ticker}` +
      (p.limitPrice === null ? ' (market' : ` (limit ${krw(p.limitPrice)}`) +
      (p.estimatedValue === null ? ')' : `, about ${krw(p.estimatedValue)})`),
    proposalAwaiting: (p) =>
      `I proposed to ${p.order}. It passed the pre-check; once an approver presses ✅ on the card below, the checks run again on fresh data and the order is sent` +
      (p.expiresAt ? ` (approve by ${p.expiresAt}).` : '.'),
    proposalDeferred: (p) =>
      `I proposed to ${p.order}. The exchange does not accept it right now; if approved, it is checked again and sent when it can be` +
      (p.expiresAt ? ` (approve by ${p.expiresAt}).` : '.'),
    proposalDenied: (p) =>
      `The proposal to ${p.order} was denied by the risk guard and cannot be approved` +
      (p.reasons.length > 0 ? `: ${p.reasons.join(' ')}` : '.'),
    quote: (p) =>
      `${p.name ? `${p.name} (${p.ticker})` : p.ticker} is at ${krw(p.price)}` +
      (p.change === null
        ? ''
        : `, ${p.change > 0 ? '+' : ''}${p.change.toLocaleString('en-US')} KRW on the day`) +
      (p.volume === null ? '' : `, volume ${p.volume.toLocaleString('en-US')} shares`) +
      (p.asOf ? ` (as of ${p.asOf})` : '') +
      '.' +
      (p.halted ? ' Trading in it is halted right now.' : ''),
    toolFailed: (p) => `I could not complete the request: ${p.message}`,
  },
};

function krw(value: number): string {
  return `${value.toLocaleString('en-US')} KRW`;
}

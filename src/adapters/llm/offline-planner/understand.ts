/**
 * Turns one explicit request into tool calls, or into a reply that asks for what is missing.
 * Rules, not a model: it understands what the help text promises and says so when it does not.
 */
import type { OfflineMessages, OfflineToolName } from '../../../i18n/ko/offline';
import {
  extractAnchoredPrice,
  extractPeriodDays,
  extractPriceBeforeEul,
  extractQuantity,
  type PriceReading,
} from './amounts';
import { distinctTickers, type TickerFinder } from './tickers';

export interface PlannedCall {
  name: OfflineToolName;
  args: Record<string, unknown>;
}

export type Reply =
  | { code: 'help' }
  | { code: 'not_understood' }
  | { code: 'ask_ticker' }
  | { code: 'unknown_ticker'; ticker: string }
  | { code: 'ambiguous_tickers'; tickers: string[] }
  | { code: 'ask_quantity'; ticker: string }
  | { code: 'ask_side' }
  | { code: 'ask_limit_price'; ticker: string }
  | { code: 'conflicting_order_type' }
  | { code: 'whole_won_price' };

export type Plan = { kind: 'calls'; calls: PlannedCall[] } | { kind: 'reply'; reply: Reply };

const LONGEST_REQUEST = 1_000;
const LONGEST_QUERY = 500;
const MOST_QUOTES = 5;
const DEFAULT_HISTORY_DAYS = 30;

const HELP = /도움말|도움이?\s*필요|사용법|명령어|(뭘|뭐|무엇을)\s*할\s*수/;
const HELP_EN = /\bhelp\b|what\s+can\s+you\s+do|\bcommands?\b/;
const TRADING_STATE =
  /거래\s*상태|매매\s*상태|트레이딩\s*상태|거래\s*(중지|정지)\s*(여부|상태|됐|되었)|trading\s*(state|status)|is\s+trading\s+(halted|active|on)|\bhalt(ed)?\s+(state|status)/;
const BUYING_POWER =
  /매수\s*가능|주문\s*가능|살\s*수\s*있|몇\s*주\s*(까지\s*)?(살|매수)|buying\s*power|how\s+(many|much)\b.*\bcan\s+i\s+buy|max(imum)?\s+(buy|purchase)|orderable|affordable/;
const BUY =
  /매수|사\s*줘|사\s*주세요|사\s*줄래|살래|살게|살까|사자|사고\s*싶|구매|구입|담아|\bbuy\b|\bpurchase\b/;
const SELL = /매도|팔아|팔래|팔게|팔까|팔자|팔지|팔고\s*싶|처분|\bsell\b/;
const MARKET_ORDER = /시장가|\bmarket\b/;
const LIMIT_ORDER = /지정가|\blimit\b/;
const HISTORY =
  /차트|추이|흐름|히스토리|과거\s*(가격|시세|주가)|일봉|가격\s*변화|\bchart\b|\bhistory\b|historical|\btrend\b/;
const NEWS = /뉴스|기사|헤드라인|\bnews\b|\bheadlines?\b|\barticles?\b/;
const MEMORY =
  /브리핑|기억|메모|노트|(지난|이전|예전)\s*(대화|논의|얘기|이야기)|briefing|\bmemor(y|ies)\b|remember|\bnotes?\b|last\s+time|previous\s+(conversation|discussion)/;
const ANY_SEARCH = /검색|찾아|\bsearch\b|\bfind\b|look\s*up/;
const PORTFOLIO =
  /잔고|포트폴리오|보유\s*(종목|현황|자산|주식|내역)|계좌|평가\s*(금액|손익)|수익률|손익|예수금|현금|portfolio|\bbalance\b|\bholdings?\b|\bpositions?\b|my\s+account|\bp&l\b|\bpnl\b|\bcash\b/;
const QUOTE =
  /현재가|시세|가격|얼마|주가|호가|시가|종가|\bquote\b|\bprice\b|how\s+much|trading\s+at|\bworth\b/;

const SEARCH_FILLER_KO =
  /(?<=^|\s)(좀|관련된?|관한|대한|대해서?|찾아\s*(줘|주세요|봐|볼래)?|검색\s*(해\s*(줘|주세요)?)?|보여\s*(줘|주세요)|알려\s*(줘|주세요)|있어|있나요|해\s*줘|주세요|줘)(?=\s|[?？!.]|$)|에\s*(대한|대해서?|관한)(?=\s|$)/g;
const SEARCH_VERB_EN =
  /^(please\s+)?(can\s+you\s+)?(search|find|look\s*up|show(\s+me)?|get|give\s+me|pull\s+up)\s+(for\s+)?((the|my|any)\s+)?/i;
const SEARCH_TOPIC_EN = /\b(news|memory|memories|notes?|briefings?)\s+(about|on|for|regarding|of)\s+/gi;
const NEWS_WORDS = /뉴스|기사|헤드라인|\bnews\b|\bheadlines?\b|\barticles?\b/gi;

export function understandRequest(raw: string, finder: TickerFinder, messages: OfflineMessages): Plan {
  const text = raw.normalize('NFKC').slice(0, LONGEST_REQUEST);
  const names = finder.findNames(text);
  const anchoredPrice = extractAnchoredPrice(names.masked);
  const codes = finder.findCodes(anchoredPrice.masked);
  const looserPrice = extractPriceBeforeEul(codes.masked);
  const rest = looserPrice.masked.toLowerCase();
  const tickers = distinctTickers([...names.mentions, ...codes.mentions]);
  const price = anchoredPrice.value ?? looserPrice.value;
  const call = (name: OfflineToolName, args: Record<string, unknown> = {}): Plan => ({
    kind: 'calls',
    calls: [{ name, args }],
  });
  const reply = (r: Reply): Plan => ({ kind: 'reply', reply: r });
  const unknown = tickers.find((ticker) => !finder.isKnown(ticker));
  const withOneTicker = (then: (ticker: string) => Plan): Plan => {
    const [first] = tickers;
    if (first === undefined) return reply({ code: 'ask_ticker' });
    if (unknown !== undefined) return reply({ code: 'unknown_ticker', ticker: unknown });
    if (tickers.length > 1) return reply({ code: 'ambiguous_tickers', tickers });
    return then(first);
  };

  if (HELP.test(rest)) return reply({ code: 'help' });
  if (TRADING_STATE.test(rest)) return call('get_trading_state');
  if (BUYING_POWER.test(rest)) {
    return withOneTicker((ticker) => {
      if (price?.kind === 'not_whole_won') return reply({ code: 'whole_won_price' });
      return call('get_buying_power', price ? { ticker, price: price.value } : { ticker });
    });
  }
  const buy = BUY.test(rest);
  const sell = SELL.test(rest);
  if (buy && sell) return reply({ code: 'ask_side' });
  if (buy || sell) {
    return withOneTicker((ticker) =>
      planOrder({ ticker, side: buy ? 'BUY' : 'SELL', rest, price, request: text.trim(), messages }),
    );
  }
  if (HISTORY.test(rest)) {
    return withOneTicker((ticker) =>
      call('get_price_history', { ticker, days: extractPeriodDays(rest) ?? DEFAULT_HISTORY_DAYS }),
    );
  }
  if (NEWS.test(rest)) return call('search_news', { query: searchQuery(text, true) });
  if (MEMORY.test(rest)) return call('search_memory', { query: searchQuery(text, false) });
  if (PORTFOLIO.test(rest)) return call('get_portfolio');
  if (QUOTE.test(rest) || tickers.length > 0) {
    if (tickers.length === 0) return reply({ code: 'ask_ticker' });
    if (unknown !== undefined) return reply({ code: 'unknown_ticker', ticker: unknown });
    const days = extractPeriodDays(rest);
    if (days !== null && tickers.length === 1) return call('get_price_history', { ticker: tickers[0], days });
    return {
      kind: 'calls',
      calls: tickers.slice(0, MOST_QUOTES).map((ticker) => ({ name: 'get_quote', args: { ticker } })),
    };
  }
  if (ANY_SEARCH.test(rest)) return call('search_memory', { query: searchQuery(text, false) });
  if (HELP_EN.test(rest)) return reply({ code: 'help' });
  return reply({ code: 'not_understood' });
}

function planOrder(p: {
  ticker: string;
  side: 'BUY' | 'SELL';
  rest: string;
  price: PriceReading | null;
  request: string;
  messages: OfflineMessages;
}): Plan {
  const quantity = extractQuantity(p.rest);
  if (quantity === null || quantity === 'invalid') {
    return { kind: 'reply', reply: { code: 'ask_quantity', ticker: p.ticker } };
  }
  if (p.price?.kind === 'not_whole_won') return { kind: 'reply', reply: { code: 'whole_won_price' } };
  const market = MARKET_ORDER.test(p.rest);
  if (market && p.price) return { kind: 'reply', reply: { code: 'conflicting_order_type' } };
  if (!market && !p.price && LIMIT_ORDER.test(p.rest)) {
    return { kind: 'reply', reply: { code: 'ask_limit_price', ticker: p.ticker } };
  }
  const rationale = p.messages.orderRationale({ request: p.request.slice(0, 200) });
  const args: Record<string, unknown> = p.price
    ? { ticker: p.ticker, side: p.side, quantity, order_type: 'LIMIT', limit_price: p.price.value, rationale }
    : { ticker: p.ticker, side: p.side, quantity, order_type: 'MARKET', rationale };
  return { kind: 'calls', calls: [{ name: 'propose_order', args }] };
}

/** What to search for: the request without the words that only ask for a search. */
function searchQuery(text: string, news: boolean): string {
  let query = text.replace(SEARCH_VERB_EN, '').replace(SEARCH_TOPIC_EN, '').replace(SEARCH_FILLER_KO, ' ');
  if (news) query = query.replace(NEWS_WORDS, ' ');
  query = query
    .replace(/\b(please|about)\b/gi, ' ')
    .replace(/[?？!.。]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (query === '') query = news ? (/[가-힣]/.test(text) ? '뉴스' : 'news') : text.trim();
  return query.slice(0, LONGEST_QUERY);
}

import { kisDate, kisTime } from '../../../domain/market';
import { tickSizeForEtf } from '../../../domain/money';
import { changeSign, decimal, int, percent } from '../api/format';
import { LISTED_UNITS } from '../api/quotations/inquire-price';
import type { ExchangeEvent } from '../exchange/exchange';
import type { MarketSnapshot } from '../market/market';
import type { SimAccount } from '../types';

/** `<enc>|<tr_id>|<count>|<payload>` with the fields joined by ^. */
export function dataFrame(encrypted: boolean, trId: string, payload: string): string {
  return `${encrypted ? 1 : 0}|${trId}|001|${payload}`;
}

const askAbove = (price: number): number => price + tickSizeForEtf(price);
const bidBelow = (price: number): number => Math.max(1, price - tickSizeForEtf(price - 1));

/** The 46 H0STCNT0 fields for the latest print of a snapshot. */
export function tradeFields(s: MarketSnapshot, now: Date, previousPrice: number | undefined): string[] {
  const change = s.price - s.base;
  const up = previousPrice === undefined || s.price >= previousPrice;
  const restingAsk = 1_000 + (s.volume % 5_000);
  const restingBid = 1_000 + (s.tradedValue % 5_000);
  const sign = (price: number, ref: number): string => changeSign(price, ref);
  return [
    s.ticker,
    kisTime(now),
    int(s.price),
    changeSign(s.price, s.base, s.band),
    int(change),
    percent(change, s.base),
    decimal(s.volume > 0 ? s.tradedValue / s.volume : s.price),
    int(s.open),
    int(s.high),
    int(s.low),
    int(askAbove(s.price)),
    int(s.price),
    int(s.lastPrintVolume),
    int(s.volume),
    int(s.tradedValue),
    int(Math.floor(s.volume / 400)),
    int(Math.floor(s.volume / 380)),
    int(Math.floor(s.volume / 380) - Math.floor(s.volume / 400)),
    '100.00',
    int(Math.floor(s.volume / 2)),
    int(s.volume - Math.floor(s.volume / 2)),
    up ? '1' : '5',
    '50.00',
    percent(s.volume, s.previousBar?.volume ?? 0),
    '090000',
    sign(s.price, s.open),
    int(s.price - s.open),
    '090000',
    sign(s.price, s.high),
    int(s.price - s.high),
    '090000',
    sign(s.price, s.low),
    int(s.price - s.low),
    kisDate(s.tradeDate),
    '20',
    'N',
    int(restingAsk),
    int(restingBid),
    int(restingAsk * 40),
    int(restingBid * 40),
    decimal((s.volume / LISTED_UNITS) * 100),
    int(s.previousBar?.volume ?? 0),
    percent(s.volume, s.previousBar?.volume ?? 0),
    '0',
    '',
    int(s.price),
  ];
}

/** The 59 H0STASP0 fields: a ten-level book around the last price. */
export function orderBookFields(s: MarketSnapshot, now: Date): string[] {
  const asks: number[] = [];
  const bids: number[] = [];
  let ask = askAbove(s.price);
  let bid = s.price;
  for (let i = 0; i < 10; i++) {
    asks.push(ask);
    bids.push(bid);
    ask = askAbove(ask);
    bid = bidBelow(bid);
  }
  const size = (i: number, salt: number): number => 500 + ((s.volume + salt * 7_919 + i * 104_729) % 9_500);
  const askSizes = asks.map((_, i) => size(i, 1));
  const bidSizes = bids.map((_, i) => size(i, 2));
  const total = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  return [
    s.ticker,
    kisTime(now),
    '0',
    ...asks.map(int),
    ...bids.map(int),
    ...askSizes.map(int),
    ...bidSizes.map(int),
    int(total(askSizes)),
    int(total(bidSizes)),
    '0',
    '0',
    '0',
    '0',
    '0',
    '0',
    '3',
    '0.00',
    int(s.volume),
    '0',
    '0',
    '0',
    '0',
    '0',
  ];
}

/** The 26 execution-notice fields (before encryption) for an exchange event of `account`. */
export function noticeFields(event: ExchangeEvent, account: SimAccount, name: string, now: Date): string[] {
  const o = event.order;
  const rctf = o.kind === 'modify' ? '1' : o.kind === 'cancel' ? '2' : '0';
  const condition = ['11', '13', '15'].includes(o.ordDvsn)
    ? '1'
    : ['12', '14', '16'].includes(o.ordDvsn)
      ? '2'
      : '0';
  let quantity = o.quantity;
  let price = o.price;
  let filled = '1';
  let acceptance = o.kind === 'order' ? '1' : '2';
  let time = kisTime(o.receivedAt);
  let correction = rctf;
  if (event.type === 'fill') {
    quantity = event.fill.quantity;
    price = event.fill.price;
    filled = '2';
    acceptance = '2';
    time = kisTime(event.fill.at);
  } else if (event.type === 'immediateCancelled') {
    quantity = event.quantity;
    acceptance = '3';
    correction = '2';
    time = kisTime(now);
  }
  return [
    account.htsId,
    `${account.cano}${account.productCode}`,
    o.odno,
    o.originalOdno,
    o.side === 'SELL' ? '01' : '02',
    correction,
    o.ordDvsn,
    condition,
    o.ticker,
    int(quantity),
    int(price),
    time,
    '0',
    filled,
    acceptance,
    o.orgNo,
    int(o.quantity),
    '시뮬레이터',
    '',
    '1',
    'N',
    '',
    '10',
    '',
    name,
    int(o.price),
  ];
}

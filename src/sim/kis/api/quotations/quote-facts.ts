import { addDays, kstDate, type KstDate } from '../../../../domain/market';
import type { SimBar } from '../../market/daily-history';
import type { Market, MarketSnapshot } from '../../market/market';
import { ApiError, type QueryParams } from '../context';

export interface Extreme {
  high: number;
  highDate: KstDate;
  low: number;
  lowDate: KstDate;
}

export interface QuoteFacts {
  snapshot: MarketSnapshot;
  /** Today's bar so far, once the day has traded. */
  todayBar: SimBar | undefined;
  d250: Extreme;
  w52: Extreme;
  year: Extreme;
}

/** The ticker named by FID_INPUT_ISCD; KRX market codes J / NX / UN all read the KRX book here. */
export function quotedTicker(query: QueryParams): string {
  const market = query.require('FID_COND_MRKT_DIV_CODE').toUpperCase();
  if (!['J', 'NX', 'UN'].includes(market))
    throw new ApiError(500, 'OPSQ2001', 'ERROR : INPUT INVALID_MRKT_DIV_CODE');
  return query.require('FID_INPUT_ISCD').trim();
}

/** Today's in-progress bar from a snapshot, or undefined before the first print. */
export function barFromSnapshot(snapshot: MarketSnapshot): SimBar | undefined {
  if (snapshot.open === 0) return undefined;
  return {
    date: snapshot.tradeDate,
    open: snapshot.open,
    high: snapshot.high,
    low: snapshot.low,
    close: snapshot.price,
    volume: snapshot.volume,
    synthetic: false,
  };
}

export function quoteFacts(market: Market, snapshot: MarketSnapshot, now: Date): QuoteFacts {
  const today = kstDate(now);
  const todayBar = barFromSnapshot(snapshot);
  const bars = market.pastBars(snapshot.ticker, addDays(today, -400), snapshot.tradeDate);
  if (todayBar) bars.push(todayBar);
  const fallback: SimBar = todayBar ??
    bars[bars.length - 1] ?? {
      date: snapshot.tradeDate,
      open: snapshot.price,
      high: snapshot.price,
      low: snapshot.price,
      close: snapshot.price,
      volume: 0,
      synthetic: false,
    };
  return {
    snapshot,
    todayBar,
    d250: extremeOf(bars.slice(-250), fallback),
    w52: extremeOf(
      bars.filter((b) => b.date > addDays(today, -365)),
      fallback,
    ),
    year: extremeOf(
      bars.filter((b) => b.date >= `${today.slice(0, 4)}-01-01`),
      fallback,
    ),
  };
}

function extremeOf(bars: readonly SimBar[], fallback: SimBar): Extreme {
  let high = fallback;
  let low = fallback;
  for (const bar of bars) {
    if (high === fallback || bar.high > high.high) high = bar;
    if (low === fallback || bar.low < low.low) low = bar;
  }
  return { high: high.high, highDate: high.date, low: low.low, lowDate: low.date };
}

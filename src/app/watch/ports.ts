import type { KstDate } from '../../domain/market';
import type { ConditionResult, WatchCondition, WatchThresholdOverrides } from '../../domain/watch';
import type { IntentRecord } from '../trading-store';

export interface WatchlistEntry {
  ticker: string;
  conditions: WatchCondition[];
  overrides: WatchThresholdOverrides;
  addedBy: string;
  addedAt: Date;
}

export interface WatchFiringRecord {
  ticker: string;
  condition: WatchCondition;
  tradeDate: KstDate;
  kind: 'buy' | 'sell';
  severity: 'normal' | 'high';
  price: number;
  numbers: Record<string, number | null>;
  intentId: string | null;
  firedAt: Date;
}

export interface WatchStore {
  listWatchlist(): Promise<WatchlistEntry[]>;
  /** Inserts or replaces the entry of the ticker. */
  upsertWatch(entry: WatchlistEntry): Promise<void>;
  /** False when the ticker was not on the list. */
  removeWatch(ticker: string): Promise<boolean>;
  /** Records a posted firing; false when that ticker/condition/day was already recorded (nothing written). */
  recordFiring(firing: WatchFiringRecord): Promise<boolean>;
  setFiringIntent(
    ticker: string,
    condition: WatchCondition,
    tradeDate: KstDate,
    intentId: string,
  ): Promise<void>;
  listFirings(tradeDate: KstDate): Promise<WatchFiringRecord[]>;
}

/** What the channel (Discord alert channel or terminal) shows for one firing. */
export interface WatchAlert {
  firing: ConditionResult;
  name: string;
  /** A sell firing on a holding: the proposal card (SELL) awaiting ✅. */
  intent: IntentRecord | null;
  /** Set when a sell was not proposed because another intent for the leg is already open (e.g. the plan's). */
  existingIntentId: string | null;
  tradeDate: KstDate;
}

export interface WatchPublisher {
  publishWatchAlert(alert: WatchAlert): Promise<void>;
}

/** One watched ticker as `/watch list` shows it: the live price and each condition's distance to its trigger. */
export interface WatchListItem {
  ticker: string;
  name: string;
  held: boolean;
  listed: boolean;
  price: number | null;
  conditions: {
    condition: WatchCondition;
    fired: boolean;
    /** Signed percent from the live price to the trigger price (null: no price trigger or no data). */
    distancePct: number | null;
  }[];
}

export interface WatchListView {
  items: WatchListItem[];
  state: 'market_open' | 'market_closed' | 'idle' | 'degraded';
  subscribed: number;
  max: number;
}

export type WatchRefusal = 'UNKNOWN_TICKER' | 'TOO_MANY' | 'BAD_CONDITION' | 'BAD_THRESHOLD';

/** The answer to `/watch add` and `/watch remove`; a refusal changed nothing. */
export type WatchChange =
  | { status: 'added' | 'replaced'; ticker: string; name: string; conditions: WatchCondition[] }
  | { status: 'removed' | 'not-listed'; ticker: string }
  | { status: 'refused'; code: WatchRefusal; detail: string }
  | { status: 'not-configured' };

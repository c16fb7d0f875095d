import type { SellCondition, WatchThresholdOverrides, WatchThresholds } from '../../domain/watch';
import { DEFAULT_WATCH_THRESHOLDS, SELL_CONDITIONS } from '../../domain/watch';

/** The watch's settings (WATCH_* in the environment). */
export interface WatchSettings {
  enabled: boolean;
  thresholds: WatchThresholds;
  /** Per-ticker overrides of the thresholds (a watchlist entry's own overrides apply on top). */
  tickerOverrides: Readonly<Record<string, WatchThresholdOverrides>>;
  /** A condition that posted must stay clear this long before it can post again. */
  rearmMs: number;
  /** The realtime feed down this long raises an alert. */
  downAlertMs: number;
  /** While the feed is down: one REST quote every this many ms, round-robin over the watched tickers. */
  pollIntervalMs: number;
  /** A sell card proposes this share of the holding (percent, at least one share). */
  sellSharePct: number;
  /** The sell card's limit sits this many ticks under the live price. */
  limitTicks: number;
  /** The sell conditions every holding is watched for (watchlist entries can add more). */
  holdingConditions: readonly SellCondition[];
}

export const DEFAULT_WATCH_SETTINGS: Readonly<WatchSettings> = Object.freeze({
  enabled: true,
  thresholds: { ...DEFAULT_WATCH_THRESHOLDS },
  tickerOverrides: {},
  rearmMs: 30 * 60_000,
  downAlertMs: 60_000,
  pollIntervalMs: 2_000,
  sellSharePct: 100,
  limitTicks: 1,
  holdingConditions: [...SELL_CONDITIONS],
});

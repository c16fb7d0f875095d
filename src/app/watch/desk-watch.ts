/** `/watch add | remove | list` as the Desk facade offers them to every channel. */
import { distanceToTriggerPct } from '../../domain/watch';
import type { PositionRecord } from '../trading-store';
import { parseWatchThresholds, resolveWatchTicker, splitWatchConditions } from './command-input';
import type { WatchChange, WatchListItem, WatchListView } from './ports';
import { MAX_WATCHED_TICKERS, type WatchService } from './service';

export type WatchCommandsPort = Pick<
  WatchService,
  'addWatch' | 'removeWatch' | 'listWatchlist' | 'describe' | 'status'
>;

export interface WatchAddRequest {
  ticker: string;
  /** Condition names, comma or space separated (empty: the buy conditions). */
  conditions?: string | null;
  /** Threshold overrides, e.g. `stopLossPct=5 trailingStopPct=12`. */
  thresholds?: string | null;
}

export interface DeskWatch {
  add(request: WatchAddRequest, by: string): Promise<WatchChange>;
  remove(ticker: string): Promise<WatchChange>;
  list(): Promise<WatchListView>;
}

export function createDeskWatch(deps: {
  watch: WatchCommandsPort;
  positions: () => Promise<PositionRecord[]>;
  universe: readonly { ticker: string; name: string }[];
}): DeskWatch {
  const names = new Map(deps.universe.map((u) => [u.ticker, u.name]));
  const nameOf = (ticker: string) => names.get(ticker) ?? ticker;
  return {
    async add(request, by) {
      const ticker = resolveWatchTicker(request.ticker, deps.universe);
      const thresholds = parseWatchThresholds(request.thresholds);
      if (!thresholds.ok) return { status: 'refused', code: 'BAD_THRESHOLD', detail: thresholds.detail };
      const result = await deps.watch.addWatch({
        ticker,
        conditions: splitWatchConditions(request.conditions),
        overrides: thresholds.value,
        by,
      });
      if (!result.ok) return { status: 'refused', code: result.code, detail: result.detail };
      return {
        status: result.replaced ? 'replaced' : 'added',
        ticker,
        name: nameOf(ticker),
        conditions: result.entry.conditions,
      };
    },
    async remove(typed) {
      const ticker = resolveWatchTicker(typed, deps.universe);
      return { status: (await deps.watch.removeWatch(ticker)) ? 'removed' : 'not-listed', ticker };
    },
    async list() {
      const [entries, positions] = await Promise.all([deps.watch.listWatchlist(), deps.positions()]);
      const held = new Set(positions.filter((p) => p.quantity > 0).map((p) => p.ticker));
      const listed = new Map(entries.map((e) => [e.ticker, e]));
      const items: WatchListItem[] = [];
      for (const ticker of new Set([...held, ...listed.keys()])) {
        const { price, results } = await deps.watch.describe(ticker);
        const conditions =
          results.length > 0
            ? results.map((r) => ({
                condition: r.condition,
                fired: r.fired,
                distancePct: price === null ? null : distanceToTriggerPct(price, r.triggerPrice),
              }))
            : (listed.get(ticker)?.conditions ?? []).map((condition) => ({
                condition,
                fired: false,
                distancePct: null,
              }));
        items.push({
          ticker,
          name: nameOf(ticker),
          held: held.has(ticker),
          listed: listed.has(ticker),
          price,
          conditions,
        });
      }
      const status = deps.watch.status();
      return { items, state: status.state, subscribed: status.subscribed, max: MAX_WATCHED_TICKERS };
    },
  };
}

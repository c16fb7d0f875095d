/** What a person types after `/watch add`: the ticker (code or exact name), conditions and threshold overrides. */
import { DEFAULT_WATCH_THRESHOLDS, type WatchThresholdOverrides } from '../../domain/watch';

export type ParsedInput<T> = { ok: true; value: T } | { ok: false; detail: string };

/** A 6-digit code (also "069500 KODEX 200" as autocomplete shows it) or an ETF's exact name. */
export function resolveWatchTicker(
  typed: string,
  universe: readonly { ticker: string; name: string }[],
): string {
  const text = typed.trim();
  const code = /^(\d{6})(\s|$)/.exec(text);
  if (code) return code[1]!;
  const byName = universe.find((u) => u.name.toLowerCase() === text.toLowerCase());
  return byName?.ticker ?? text.slice(0, 40);
}

/** `buy_breakout, sell_stop_loss` or space separated; empty means the defaults. Names are checked by the watch. */
export function splitWatchConditions(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/[\s,]+/)
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '')
    .slice(0, 20);
}

const THRESHOLD_KEYS = Object.keys(DEFAULT_WATCH_THRESHOLDS);

/** `stopLossPct=5 trailingStopPct=12` (or `key:value`, comma separated): known keys, finite numbers. */
export function parseWatchThresholds(text: string | null | undefined): ParsedInput<WatchThresholdOverrides> {
  const out: Record<string, number> = {};
  const pairs = (text ?? '').split(/[\s,]+/).filter((p) => p !== '');
  for (const pair of pairs.slice(0, 30)) {
    const match = /^([A-Za-z]+)[=:](-?[0-9]+(?:\.[0-9]+)?)%?$/.exec(pair);
    const key = match ? THRESHOLD_KEYS.find((k) => k.toLowerCase() === match[1]!.toLowerCase()) : undefined;
    if (!match || !key) return { ok: false, detail: `${pair.slice(0, 40)} (${THRESHOLD_KEYS.join(', ')})` };
    out[key] = Number(match[2]);
  }
  return { ok: true, value: out as WatchThresholdOverrides };
}

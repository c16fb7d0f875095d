/** The answers to `/watch` and the watch's lines of `/status`, for any channel (each renders them its way). */
import type { Locale } from '../desk-api';
import type { WatchChange, WatchListView } from './ports';
import type { WatchStatus } from './service';
import { watchText } from './text';

const LAST_TICKS_SHOWN = 10;

/** HH:MM:SS KST of an ISO instant. */
function kstTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString().slice(11, 19);
}

const signedPct = (pct: number) => `${pct > 0 ? '+' : ''}${pct.toFixed(2)}%`;

export function watchChangeText(change: WatchChange, locale: Locale): string {
  const t = watchText(locale);
  const conditionNames = (list: readonly string[]) => list.map((c) => t.conditions[c] ?? c).join(', ');
  switch (change.status) {
    case 'added':
      return t.added(change.name, change.ticker, conditionNames(change.conditions));
    case 'replaced':
      return t.replaced(change.name, change.ticker, conditionNames(change.conditions));
    case 'removed':
      return t.removed(change.ticker);
    case 'not-listed':
      return t.notListed(change.ticker);
    case 'refused':
      return t.errors[change.code](change.detail);
    case 'not-configured':
      return t.notConfigured;
  }
}

/** The state line, then one line per watched ticker: price and each condition's distance to its trigger. */
export function watchListLines(view: WatchListView | null, locale: Locale): string[] {
  const t = watchText(locale);
  if (!view) return [t.notConfigured];
  const lines = [t.list.state(t.states[view.state] ?? view.state, view.subscribed, view.max)];
  if (view.items.length === 0) return [...lines, t.list.empty];
  for (const item of view.items) {
    const price = item.price === null ? t.list.noPrice : `${item.price.toLocaleString('en-US')}`;
    const tags = [item.held ? t.list.held : null, item.listed ? t.list.listed : null].filter(Boolean);
    const conditions = item.conditions
      .map((c) => {
        const name = t.conditions[c.condition] ?? c.condition;
        if (c.fired) return t.list.distance(name, t.list.fired);
        return t.list.distance(name, c.distancePct === null ? t.list.noTrigger : signedPct(c.distancePct));
      })
      .join(' · ');
    lines.push(
      t.list.line(item.name, item.ticker, `${price} [${tags.join(', ')}]`, conditions || t.list.noTrigger),
    );
  }
  return lines;
}

/** `/status`: state, watched / registered, feed, counts and the last tick per ticker (KST). */
export function watchStatusLines(status: WatchStatus | null, locale: Locale, max: number): string[] {
  if (!status || !status.enabled) return [];
  const t = watchText(locale);
  const lines = [
    t.status.summary(t.states[status.state] ?? status.state, status.watched, status.subscribed, max),
    t.status.feed(status.feed, status.downSince ? kstTime(status.downSince) : null),
    t.status.counts(
      status.counts.ticks,
      status.counts.malformed,
      status.counts.polls,
      status.counts.evaluations,
      status.counts.firings,
    ),
  ];
  const ticks = Object.entries(status.lastTickAt)
    .sort(([, a], [, b]) => b.localeCompare(a))
    .slice(0, LAST_TICKS_SHOWN)
    .map(([ticker, at]) => `${ticker} ${kstTime(at)}`);
  if (ticks.length > 0) lines.push(t.status.lastTicks(ticks.join(', ')));
  if (status.notSubscribed.length > 0) lines.push(t.status.notSubscribed(status.notSubscribed.join(', ')));
  return lines;
}

/** The watch as a /readyz part: its state, registrations, counts and last ticks in one line. */
import type { WatchStatus } from './service';

export function watchReadiness(status: WatchStatus): { status: 'ok' | 'fail' | 'skip'; detail: string } {
  if (!status.enabled) return { status: 'skip', detail: 'watch disabled (WATCH_ENABLED=false)' };
  const c = status.counts;
  const last = Object.entries(status.lastTickAt)
    .map(([ticker, at]) => `${ticker}@${at}`)
    .join(' ');
  const detail = [
    status.state,
    `watched ${status.watched}`,
    `subscribed ${status.subscribed}`,
    `feed ${status.feed}${status.downSince ? ` down since ${status.downSince}` : ''}`,
    `ticks ${c.ticks} malformed ${c.malformed} polls ${c.polls} evaluations ${c.evaluations} firings ${c.firings}`,
    ...(status.notSubscribed.length > 0 ? [`not subscribed ${status.notSubscribed.join(',')}`] : []),
    ...(last ? [`last tick ${last}`] : []),
  ].join(' · ');
  // Degraded (REST polling or tickers left out) is worth a look; the desk still works.
  return { status: status.state === 'degraded' ? 'fail' : 'ok', detail };
}

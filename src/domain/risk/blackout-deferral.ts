import type { ActiveBlackout } from '../blackout';
import { blackoutFailure } from './rules/blackout';
import { fail, pass, type GuardVerdict, type RiskCheck } from './verdict';

const REPLACED: ReadonlySet<string> = new Set(['session', 'blackout', 'deferQueue']);

/**
 * The verdict for an approved order while a blackout is in force, decided without reading anything from the
 * broker (KIS does not answer during its maintenance). The order waits until the window ends, when the full
 * guard runs with fresh data; the earlier checks stay on the card for reference. A full queue refuses instead.
 */
export function blackoutDeferral(
  blackout: ActiveBlackout,
  earlierChecks: readonly RiskCheck[],
  queue: { size: number; max: number },
): Extract<GuardVerdict, { outcome: 'DEFER' | 'DENY' }> {
  const waiting = blackoutFailure(blackout);
  const kept = earlierChecks.filter((c) => !REPLACED.has(c.rule));
  const queueDetail = { waiting: queue.size, max: queue.max };
  if (queue.size >= queue.max) {
    const full = fail('deferQueue', 'DEFER_QUEUE_FULL', queueDetail);
    return {
      outcome: 'DENY',
      code: 'DEFER_QUEUE_FULL',
      detail: queueDetail,
      checks: [...kept, waiting, full],
    };
  }
  return {
    outcome: 'DEFER',
    code: 'ORDER_BLACKOUT',
    reason: 'BLACKOUT',
    waitingFor: ['BLACKOUT'],
    deferUntil: blackout.until,
    detail: waiting.ok ? {} : waiting.detail,
    checks: [...kept, waiting, pass('deferQueue', queueDetail)],
  };
}

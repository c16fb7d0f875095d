import type { ActiveBlackout } from '../../blackout';
import { kstParts } from '../../market';
import type { OrderFacts } from '../facts';
import { fail, pass, type RiskCheck } from '../verdict';

/** 'YYYY-MM-DD HH:mm' in KST, for messages. */
export function formatKstMinute(instant: Date): string {
  const p = kstParts(instant);
  return `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The failed check that names a blackout: its windows, when it ends and the reasons people gave. */
export function blackoutFailure(blackout: ActiveBlackout): RiskCheck {
  const reasons = blackout.windows.map((w) => w.reason).filter((r): r is string => r !== null && r !== '');
  return fail('blackout', 'ORDER_BLACKOUT', {
    windows: [...new Set(blackout.windows.map((w) => w.label))].join(', '),
    until: formatKstMinute(blackout.until),
    note: reasons.length > 0 ? [...new Set(reasons)].join('; ') : '-',
  });
}

/** In a KIS maintenance window nothing is sent for orders: the guard defers until the window ends. */
export function checkBlackout(facts: OrderFacts): RiskCheck {
  const blackout = facts.input.blackout ?? null;
  return blackout === null ? pass('blackout') : blackoutFailure(blackout);
}

/** Would the order wait (closed session with a known opening, or a blackout) rather than be sent or refused? */
export function wouldWait(facts: OrderFacts): boolean {
  const { session } = facts;
  const sessionWaits =
    !session.accepted && session.opensAt !== null && session.reason !== 'UNKNOWN_ORDER_TYPE';
  return sessionWaits || (facts.input.blackout ?? null) !== null;
}

/** Deferred approvals are bounded: past the limit an order that would wait is refused instead. */
export function checkDeferQueue(facts: OrderFacts): RiskCheck {
  const queue = facts.input.deferredQueue;
  if (queue === undefined || !wouldWait(facts)) return pass('deferQueue');
  const detail = { waiting: queue.size, max: queue.max };
  return queue.size >= queue.max
    ? fail('deferQueue', 'DEFER_QUEUE_FULL', detail)
    : pass('deferQueue', detail);
}

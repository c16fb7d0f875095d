/**
 * Reports what happened to a conversation's orders back into that conversation: each order update of an
 * intent proposed in a session becomes a desk note in its log, so the model (and a resumed session) knows
 * about the fill instead of guessing.
 */
import type { AssistantMessages } from '../../i18n/ko/assistant';
import type { DeskEvent, DeskEvents } from '../desk-events';
import type { SessionRecord, SessionStore } from '../ports/session-store';

export interface OrderNotesDeps {
  events: DeskEvents;
  store: Pick<SessionStore, 'getSession' | 'appendMessages'>;
  clock: { now(): Date };
  messages(locale: SessionRecord['locale']): AssistantMessages;
}

/** Subscribes; returns the unsubscribe function. */
export function reportOrdersToSessions(deps: OrderNotesDeps): () => void {
  return deps.events.subscribe(async (event: DeskEvent) => {
    if (event.type !== 'order.updated') return;
    const sessionId = event.intent?.sessionId;
    if (!sessionId) return;
    const session = await deps.store.getSession(sessionId);
    if (!session) return;
    const { order } = event;
    const note = deps.messages(session.locale).orderNote({
      ticker: order.ticker,
      side: order.side,
      quantity: order.quantity,
      status: order.status,
      filledQuantity: order.filledQuantity,
      fill: event.fill ?? null,
    });
    await deps.store.appendMessages(session.id, [{ role: 'system', content: note }], deps.clock.now());
  });
}

/**
 * What the trading core tells the channels (cards to edit, thread follow-ups, alerts). One instance per
 * process, created in main.ts and handed to whoever listens.
 */
import type { AlertRecord, IntentRecord, OrderRecord } from './trading-store';
import type { TradingStateRecord } from './trading-store';
import type { ExecutionOutcome } from './execution-outcome';

export type DeskEvent =
  | { type: 'intent.updated'; intent: IntentRecord; order?: OrderRecord | null; note?: string }
  | {
      type: 'order.updated';
      order: OrderRecord;
      intent: IntentRecord | null;
      fill?: { quantity: number; price: number };
    }
  /** A deferred approval went out (or was denied / needs a new approval) when its session opened. */
  | { type: 'deferred.released'; intentId: string; approverId: string | null; outcome: ExecutionOutcome }
  | { type: 'trading-state.changed'; change: TradingStateRecord }
  | { type: 'alert'; alert: AlertRecord };

export type DeskEventListener = (event: DeskEvent) => void | Promise<void>;

export class DeskEvents {
  private readonly listeners = new Set<DeskEventListener>();
  private readonly onListenerError: (error: unknown, event: DeskEvent) => void;

  constructor(onListenerError: (error: unknown, event: DeskEvent) => void = () => {}) {
    this.onListenerError = onListenerError;
  }

  subscribe(listener: DeskEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listeners run after the state change is stored; a failing listener never undoes or blocks trading. */
  async emit(event: DeskEvent): Promise<void> {
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await listener(event);
        } catch (error) {
          this.onListenerError(error, event);
        }
      }),
    );
  }
}

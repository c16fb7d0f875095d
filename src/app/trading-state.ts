/**
 * ACTIVE / REDUCING / HALTED, persisted and audited. Changed only by a person (stop, stopentry, resume) or a
 * breaker; never resets itself. Until start-up reconciliation has finished, the effective state is HALTED.
 */
import type { Clock } from '../domain/clock';
import type { TradingState } from '../domain/risk';
import type { DeskEvents } from './desk-events';
import type { TradingStateRecord, TradingStore } from './trading-store';

export type TradingCommand = 'stop' | 'stopentry' | 'resume';

const COMMAND_STATE: Record<TradingCommand, TradingState> = {
  stop: 'HALTED',
  stopentry: 'REDUCING',
  resume: 'ACTIVE',
};

export interface EffectiveTradingState {
  state: TradingState;
  persisted: TradingStateRecord | null;
  /** True until the start-up reconciliation finished. */
  awaitingReconciliation: boolean;
}

export class TradingStateService {
  private reconciledSinceBoot = false;

  constructor(
    private readonly store: TradingStore,
    private readonly clock: Clock,
    private readonly events: DeskEvents,
  ) {}

  async persisted(): Promise<TradingStateRecord | null> {
    return this.store.currentTradingState();
  }

  async effective(): Promise<EffectiveTradingState> {
    const persisted = await this.store.currentTradingState();
    const state = persisted?.state ?? 'ACTIVE';
    return {
      state: this.reconciledSinceBoot ? state : 'HALTED',
      persisted,
      awaitingReconciliation: !this.reconciledSinceBoot,
    };
  }

  markReconciled(): void {
    this.reconciledSinceBoot = true;
  }

  /** A person's command. Returns the new record, or null when the state was already that. */
  async command(command: TradingCommand, actor: string, reason?: string): Promise<TradingStateRecord | null> {
    return this.set(COMMAND_STATE[command], reason ?? command, actor);
  }

  /** A breaker trip: only ever tightens (ACTIVE → REDUCING, anything → HALTED), never loosens. */
  async trip(state: Exclude<TradingState, 'ACTIVE'>, reason: string): Promise<TradingStateRecord | null> {
    const current = (await this.store.currentTradingState())?.state ?? 'ACTIVE';
    if (current === 'HALTED' || current === state) return null;
    return this.set(state, reason, 'breaker');
  }

  private async set(state: TradingState, reason: string, actor: string): Promise<TradingStateRecord | null> {
    const current = await this.store.currentTradingState();
    if ((current?.state ?? 'ACTIVE') === state && current !== null) return null;
    const change: TradingStateRecord = {
      state,
      previousState: current?.state ?? null,
      reason,
      actor,
      at: this.clock.now(),
    };
    await this.store.appendTradingState(change);
    await this.events.emit({ type: 'trading-state.changed', change });
    return change;
  }
}

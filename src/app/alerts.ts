import type { Clock } from '../domain/clock';
import type { DeskEvents } from './desk-events';
import type { AlertRecord, TradingStore } from './trading-store';

export type AlertKind =
  | 'NAV_FLOOR'
  | 'DAILY_LOSS_BREAKER'
  | 'CYCLE_STEP_FAILED'
  | 'RECONCILIATION_MISMATCH'
  | 'RECONCILIATION_AMBIGUOUS'
  | 'POSITION_DRIFT'
  | 'ORDER_UNKNOWN'
  | 'DATA_OUTAGE'
  | 'CANARY_FAILED'
  | 'KIS_CONFIGURATION';

export interface RaiseAlert {
  kind: AlertKind;
  severity: AlertRecord['severity'];
  /** Korean first; the channel renders the English text from `data` when the reader is not Korean. */
  message: string;
  data?: Record<string, unknown>;
  /** Alerts with the same key are raised once (e.g. one NAV-floor alert per day). */
  dedupeKey?: string;
}

export class AlertService {
  constructor(
    private readonly store: TradingStore,
    private readonly clock: Clock,
    private readonly events: DeskEvents,
  ) {}

  async raise(alert: RaiseAlert): Promise<AlertRecord | null> {
    const record = await this.store.insertAlert({
      kind: alert.kind,
      severity: alert.severity,
      message: alert.message,
      data: alert.data ?? null,
      at: this.clock.now(),
      ...(alert.dedupeKey ? { dedupeKey: alert.dedupeKey } : {}),
    });
    if (record) await this.events.emit({ type: 'alert', alert: record });
    return record;
  }
}

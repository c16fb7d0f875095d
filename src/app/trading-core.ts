/**
 * Wires the trading core from its ports. main.ts and the tests build it the same way.
 */
import type { Clock } from '../domain/clock';
import type { TradingCalendar } from '../domain/market';
import type { Broker } from '../domain/ports';
import type { RiskLimits } from '../domain/risk';
import { AccountData } from './account-data';
import { AlertService } from './alerts';
import type { BlackoutService } from './blackouts';
import { ApprovalService, type ApprovalPolicy } from './approvals';
import { CancelService } from './cancels';
import { DeskEvents } from './desk-events';
import { ExecutionService } from './execution';
import { FillService } from './fills';
import { ReconciliationService } from './reconcile';
import { TradingStateService } from './trading-state';
import type { TradingStore } from './trading-store';

export interface TradingCoreDeps {
  broker: Broker;
  store: TradingStore;
  clock: Clock;
  calendar: TradingCalendar;
  limits: RiskLimits;
  policy: ApprovalPolicy;
  intentTtlMs: number;
  commissionPpm: number;
  events?: DeskEvents;
  onError?: (what: string, error: unknown) => void;
  /** KIS maintenance windows (ORDER_BLACKOUT_WINDOWS_KST and /blackout); absent: none. */
  blackouts?: BlackoutService;
  blackoutMaxDriftBp?: number;
  maxDeferred?: number;
}

export interface TradingCore {
  events: DeskEvents;
  tradingState: TradingStateService;
  alerts: AlertService;
  accountData: AccountData;
  execution: ExecutionService;
  approvals: ApprovalService;
  cancels: CancelService;
  fills: FillService;
  reconciliation: ReconciliationService;
}

export function createTradingCore(deps: TradingCoreDeps): TradingCore {
  const events = deps.events ?? new DeskEvents((error) => deps.onError?.('listener', error));
  const tradingState = new TradingStateService(deps.store, deps.clock, events);
  const alerts = new AlertService(deps.store, deps.clock, events);
  const accountData = new AccountData({
    broker: deps.broker,
    store: deps.store,
    clock: deps.clock,
    calendar: deps.calendar,
    limits: deps.limits,
    onReadError: (what, error) => deps.onError?.(`read ${what}`, error),
    ...(deps.blackouts ? { blackouts: deps.blackouts } : {}),
    ...(deps.maxDeferred !== undefined ? { maxDeferred: deps.maxDeferred } : {}),
  });
  const execution = new ExecutionService({
    broker: deps.broker,
    store: deps.store,
    clock: deps.clock,
    calendar: deps.calendar,
    accountData,
    tradingState,
    alerts,
    events,
    intentTtlMs: deps.intentTtlMs,
    commissionPpm: deps.commissionPpm,
    ...(deps.blackouts ? { blackouts: deps.blackouts } : {}),
    ...(deps.blackoutMaxDriftBp !== undefined ? { blackoutMaxDriftBp: deps.blackoutMaxDriftBp } : {}),
    ...(deps.maxDeferred !== undefined ? { maxDeferred: deps.maxDeferred } : {}),
  });
  const approvals = new ApprovalService({
    store: deps.store,
    clock: deps.clock,
    accountData,
    tradingState,
    execution,
    events,
    policy: deps.policy,
    intentTtlMs: deps.intentTtlMs,
  });
  const cancels = new CancelService({ store: deps.store, execution, policy: deps.policy });
  const fills = new FillService({
    store: deps.store,
    clock: deps.clock,
    events,
    environment: deps.broker.environment,
    commissionPpm: deps.commissionPpm,
    onError: (error) => deps.onError?.('fill', error),
  });
  const reconciliation = new ReconciliationService({
    broker: deps.broker,
    store: deps.store,
    clock: deps.clock,
    calendar: deps.calendar,
    tradingState,
    alerts,
    events,
    commissionPpm: deps.commissionPpm,
    isInFlight: (orderId) => execution.isInFlight(orderId),
  });
  // A fill notice that raced the POST's answer is applied once the order's broker id is stored.
  events.subscribe((event) => {
    // Not awaited: the retry queues behind the notice being processed, which may be what emitted this event.
    if (event.type === 'order.updated' && event.order.brokerOrderId && fills.pendingCount() > 0)
      void fills.retryPending();
  });
  return { events, tradingState, alerts, accountData, execution, approvals, cancels, fills, reconciliation };
}

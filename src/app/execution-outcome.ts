/**
 * What became of one approved intent when ExecutionService ran it. Its own file so that the event bus
 * (desk-events.ts) can name it without importing the service that sends orders.
 */
import type { PlaceOrderResult } from '../domain/ports';
import type { GuardVerdict } from '../domain/risk';
import type { IntentRecord, OrderRecord } from './trading-store';

export type ExecutionOutcome =
  | { status: 'submitted'; order: OrderRecord; result: PlaceOrderResult }
  | { status: 'deferred'; intent: IntentRecord; until: Date }
  | { status: 'denied'; intent: IntentRecord; verdict: GuardVerdict }
  | { status: 'needs-reapproval'; intent: IntentRecord; replacement: IntentRecord; reason: string }
  | { status: 'not-approved'; intent: IntentRecord | null };

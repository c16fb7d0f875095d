import { z } from 'zod';

export const TRADE_MODAL_ID = 'trade-modal';
export const QUESTION_FIELD_ID = 'question';
export const TICKER_FIELD_ID = 'ticker';
/** The LIVE confirmation modals' one field: the quantity typed by hand. */
export const CONFIRM_QUANTITY_FIELD_ID = 'quantity';

const customIdSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve'), intentId: z.uuid() }),
  z.object({ action: z.literal('reject'), intentId: z.uuid() }),
  z.object({ action: z.literal('trade-modal') }),
  z.object({ action: z.literal('approve-plan'), intentId: z.uuid() }),
  z.object({ action: z.literal('confirm-approve'), intentId: z.uuid() }),
  z.object({ action: z.literal('confirm-plan'), intentId: z.uuid() }),
  z.object({ action: z.literal('cancel'), orderId: z.uuid() }),
  z.object({ action: z.literal('cancel-all'), step: z.enum(['ask', 'confirm']) }),
]);

export type ParsedCustomId = z.infer<typeof customIdSchema>;
export type CustomIdAction = ParsedCustomId['action'];

/**
 * `approve:<intentId>`, `reject:<intentId>`, `cancel:<orderId>`, `cancel-all:ask|confirm` and `trade-modal`. Custom ids come back from Discord clients, so
 * they are input like any other: anything else (or a malformed intent id) is null, never a throw.
 */
export function parseCustomId(raw: string): ParsedCustomId | null {
  const separator = raw.indexOf(':');
  // The argument is offered under every name an action may read; each schema keeps only its own.
  const argument = raw.slice(separator + 1);
  const candidate =
    separator === -1
      ? { action: raw }
      : { action: raw.slice(0, separator), intentId: argument, orderId: argument, step: argument };
  const parsed = customIdSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

export function approveId(intentId: string): string {
  return `approve:${intentId}`;
}

/** "Approve all" on a daily plan; the id carries the daily run's id. */
export function approvePlanId(dailyRunId: string): string {
  return `approve-plan:${dailyRunId}`;
}

export function rejectId(intentId: string): string {
  return `reject:${intentId}`;
}

/** The LIVE confirmation modal for one ✅ (the id carries the intent). */
export function confirmApproveId(intentId: string): string {
  return `confirm-approve:${intentId}`;
}

/** The LIVE confirmation modal for "approve all" (the id carries the daily run). */
export function confirmPlanId(dailyRunId: string): string {
  return `confirm-plan:${dailyRunId}`;
}

/** Cancel on an order card or in `/orders`; the id carries our order's id. */
export function cancelOrderId(orderId: string): string {
  return `cancel:${orderId}`;
}

/** `/stop`'s "cancel every resting order", then its confirmation. */
export function cancelAllId(step: 'ask' | 'confirm'): string {
  return `cancel-all:${step}`;
}

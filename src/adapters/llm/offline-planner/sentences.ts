/**
 * The offline planner's sentences for the tool results it knows the shape of (an order proposal, a quote, an
 * error): what a person would say, not the tool's fields. Anything else falls back to the generic listing.
 */
import { z } from 'zod';
import type { OfflineMessages } from '../../../i18n/ko/offline';

const proposalArgs = z.looseObject({
  ticker: z.string(),
  side: z.enum(['BUY', 'SELL']),
  quantity: z.number().int(),
  order_type: z.enum(['LIMIT', 'MARKET']),
  limit_price: z.number().int().optional(),
});

const proposalResult = z.looseObject({
  intent_id: z.string(),
  status: z.string(),
  outcome: z.enum(['ALLOW', 'DENY', 'DEFER']),
  checks: z.array(z.looseObject({ ok: z.boolean(), text: z.string().optional() })),
  reference_price: z.number().nullable().optional(),
  estimated_value: z.number().nullable().optional(),
  expires_at: z.string().optional(),
});

const quoteResult = z.looseObject({
  ticker: z.string(),
  name: z.string().optional(),
  price: z.number(),
  change_from_previous: z.number().optional(),
  volume: z.number().optional(),
  halted: z.boolean().optional(),
  as_of: z.string().optional(),
});

const errorResult = z.looseObject({ error: z.string(), message: z.string() });

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A sentence for this tool result, or null when its shape is not one the planner knows. */
export function toolSentence(
  name: string,
  argumentsJson: string,
  content: string,
  messages: OfflineMessages,
): string | null {
  const result = json(content);
  const failed = errorResult.safeParse(result);
  if (failed.success) return messages.sentences.toolFailed({ message: failed.data.message });
  const s = messages.sentences;
  if (name === 'propose_order') {
    const args = proposalArgs.safeParse(json(argumentsJson));
    const outcome = proposalResult.safeParse(result);
    if (!args.success || !outcome.success) return null;
    const a = args.data;
    const o = outcome.data;
    const order = s.order({
      ticker: a.ticker,
      side: a.side,
      quantity: a.quantity,
      limitPrice: a.order_type === 'LIMIT' ? (a.limit_price ?? null) : null,
      estimatedValue: o.estimated_value ?? null,
    });
    if (o.status === 'DENIED' || o.outcome === 'DENY') {
      const reasons = o.checks.filter((c) => !c.ok && c.text).map((c) => c.text!);
      return s.proposalDenied({ order, reasons });
    }
    if (o.outcome === 'DEFER') return s.proposalDeferred({ order, expiresAt: o.expires_at ?? null });
    return s.proposalAwaiting({ order, expiresAt: o.expires_at ?? null });
  }
  if (name === 'get_quote') {
    const quote = quoteResult.safeParse(result);
    if (!quote.success) return null;
    const q = quote.data;
    return s.quote({
      ticker: q.ticker,
      name: q.name ?? '',
      price: q.price,
      change: q.change_from_previous ?? null,
      volume: q.volume ?? null,
      halted: q.halted === true,
      asOf: q.as_of ?? null,
    });
  }
  return null;
}

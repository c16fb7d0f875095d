/**
 * What model calls cost and whether today's budget allows another one. Cost is integer micro-USD from a
 * per-model price table (USD per million tokens × 1e6 = micro-USD per million tokens); the offline planner
 * costs nothing. The day is the KST calendar date.
 */
import type { Clock } from '../../domain/clock';
import { kstDate } from '../../domain/market';
import type { ChatUsage } from '../../domain/ports/llm';
import type { SessionStore, UsagePurpose } from '../ports/session-store';

export interface ModelPrice {
  /** micro-USD per one million input tokens (= USD per 1M tokens × 1,000,000). */
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Published list prices; the longest matching prefix of the model name wins. */
export const DEFAULT_MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4.1-nano': { inputPerMillion: 100_000, outputPerMillion: 400_000 },
  'gpt-4.1-mini': { inputPerMillion: 400_000, outputPerMillion: 1_600_000 },
  'gpt-4.1': { inputPerMillion: 2_000_000, outputPerMillion: 8_000_000 },
  'gpt-4o-mini': { inputPerMillion: 150_000, outputPerMillion: 600_000 },
  'gpt-4o': { inputPerMillion: 2_500_000, outputPerMillion: 10_000_000 },
  'gpt-5-nano': { inputPerMillion: 50_000, outputPerMillion: 400_000 },
  'gpt-5-mini': { inputPerMillion: 250_000, outputPerMillion: 2_000_000 },
  'gpt-5': { inputPerMillion: 1_250_000, outputPerMillion: 10_000_000 },
};

/** A model we have no price for is charged like an expensive one, so the budget errs on the safe side. */
export const UNKNOWN_MODEL_PRICE: ModelPrice = { inputPerMillion: 2_500_000, outputPerMillion: 10_000_000 };

export function priceOf(model: string, prices: Readonly<Record<string, ModelPrice>>): ModelPrice {
  const name = model.replace(/^openai:/, '').toLowerCase();
  const match = Object.keys(prices)
    .filter((prefix) => name.startsWith(prefix.toLowerCase()))
    .sort((a, b) => b.length - a.length)[0];
  return (match ? prices[match] : undefined) ?? UNKNOWN_MODEL_PRICE;
}

export function costMicroUsd(usage: ChatUsage, price: ModelPrice): number {
  const input = Math.max(0, Math.trunc(usage.inputTokens));
  const output = Math.max(0, Math.trunc(usage.outputTokens));
  return Math.ceil((input * price.inputPerMillion + output * price.outputPerMillion) / 1_000_000);
}

export interface UsageMeterOptions {
  store: Pick<SessionStore, 'recordUsage' | 'spentMicroUsd'>;
  clock: Clock;
  /** Daily cap in US cents; null means no cap. */
  budgetCents: number | null;
  prices?: Readonly<Record<string, ModelPrice>>;
}

export interface UsageRecord {
  sessionId: string | null;
  purpose: UsagePurpose;
  model: string;
  offline: boolean;
  usage: ChatUsage;
}

export class UsageMeter {
  private readonly prices: Readonly<Record<string, ModelPrice>>;

  constructor(private readonly options: UsageMeterOptions) {
    this.prices = options.prices ?? DEFAULT_MODEL_PRICES;
  }

  get budgetCents(): number | null {
    return this.options.budgetCents;
  }

  cost(model: string, offline: boolean, usage: ChatUsage): number {
    return offline ? 0 : costMicroUsd(usage, priceOf(model, this.prices));
  }

  /** Stores one row and returns its cost. */
  async record(entry: UsageRecord): Promise<number> {
    const at = this.options.clock.now();
    const cost = this.cost(entry.model, entry.offline, entry.usage);
    await this.options.store.recordUsage({
      sessionId: entry.sessionId,
      purpose: entry.purpose,
      model: entry.model,
      inputTokens: Math.max(0, Math.trunc(entry.usage.inputTokens)),
      outputTokens: Math.max(0, Math.trunc(entry.usage.outputTokens)),
      costMicroUsd: cost,
      tradeDate: kstDate(at),
      at,
    });
    return cost;
  }

  /** Cents left today (never negative), or null without a cap. */
  async budgetLeftCents(): Promise<number | null> {
    const { budgetCents } = this.options;
    if (budgetCents === null) return null;
    const spent = await this.options.store.spentMicroUsd(kstDate(this.options.clock.now()));
    return Math.max(0, Math.floor((budgetCents * 10_000 - spent) / 10_000));
  }

  /** True once today's recorded spend has reached the cap. */
  async exhausted(): Promise<boolean> {
    const { budgetCents } = this.options;
    if (budgetCents === null) return false;
    const spent = await this.options.store.spentMicroUsd(kstDate(this.options.clock.now()));
    return spent >= budgetCents * 10_000;
  }
}

import type { Baseline, Decision, Horizon } from '../../domain/scorecard';
import type { KstDate } from '../../domain/market';
import type { IntentSource } from '../../domain/order';
import type { Side } from '../../domain/ports';

export interface DecisionRecord {
  id: number;
  intentId: string;
  decision: Decision;
  source: IntentSource;
  baseline: Baseline;
  person: string | null;
  decidedAt: Date;
  decidedOn: KstDate;
  ticker: string;
  side: Side;
  quantity: number;
  referencePrice: number;
  exposure: number;
  due: Record<Horizon, KstDate>;
  closes: Record<Horizon, number | null>;
  effects: Record<Horizon, number | null>;
}

export type NewDecision = Omit<DecisionRecord, 'id' | 'closes' | 'effects'>;

/** The approval scorecard's rows (one per intent and decision). */
export interface ScorecardStore {
  /** False when the intent already has a row for this decision (recording is idempotent). */
  insert(decision: NewDecision): Promise<boolean>;
  /** A better reference price for a decision not yet scored (the guard's fresh quote at the approval). */
  updateReferencePrice(intentId: string, decision: Decision, price: number): Promise<void>;
  /** Decisions taken on KST dates in [fromDate, toDate], optionally by one person, oldest first. */
  list(filter: { fromDate: KstDate; toDate: KstDate; person?: string }): Promise<DecisionRecord[]>;
  /** Decisions with a horizon due on or before `date` whose close is still unknown. */
  listUnscored(dueOnOrBefore: KstDate): Promise<DecisionRecord[]>;
  setClose(id: number, horizon: Horizon, close: number, effect: number): Promise<void>;
  /** Whether the person has any decision at all. */
  hasPerson(person: string): Promise<boolean>;
}

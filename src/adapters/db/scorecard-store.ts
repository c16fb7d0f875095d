import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Baseline, Decision, Horizon } from '../../domain/scorecard';
import type { IntentSource } from '../../domain/order';
import type { Side } from '../../domain/ports';
import type { DecisionRecord, ScorecardStore } from '../../app/ports/scorecard-store';
import type { Db } from './client';
import { decisionScores } from './schema';

type Row = typeof decisionScores.$inferSelect;

function toRecord(row: Row): DecisionRecord {
  return {
    id: row.id,
    intentId: row.intentId,
    decision: row.decision as Decision,
    source: row.source as IntentSource,
    baseline: row.baseline as Baseline,
    person: row.person,
    decidedAt: row.decidedAt,
    decidedOn: row.decidedOn,
    ticker: row.ticker,
    side: row.side as Side,
    quantity: row.quantity,
    referencePrice: row.referencePrice,
    exposure: row.exposure,
    due: { 1: row.due1, 5: row.due5, 20: row.due20 },
    closes: { 1: row.close1, 5: row.close5, 20: row.close20 },
    effects: { 1: row.effect1, 5: row.effect5, 20: row.effect20 },
  };
}

export function createDbScorecardStore(db: Db): ScorecardStore {
  return {
    async insert(d) {
      const inserted = await db
        .insert(decisionScores)
        .values({
          intentId: d.intentId,
          decision: d.decision,
          source: d.source,
          baseline: d.baseline,
          person: d.person,
          decidedAt: d.decidedAt,
          decidedOn: d.decidedOn,
          ticker: d.ticker,
          side: d.side,
          quantity: d.quantity,
          referencePrice: d.referencePrice,
          exposure: d.exposure,
          due1: d.due[1],
          due5: d.due[5],
          due20: d.due[20],
        })
        .onConflictDoNothing()
        .returning({ id: decisionScores.id });
      return inserted.length > 0;
    },
    async updateReferencePrice(intentId, decision, price) {
      await db
        .update(decisionScores)
        .set({ referencePrice: price })
        .where(
          and(
            eq(decisionScores.intentId, intentId),
            eq(decisionScores.decision, decision),
            isNull(decisionScores.close1),
          ),
        );
    },
    async list(filter) {
      const rows = await db
        .select()
        .from(decisionScores)
        .where(
          and(
            gte(decisionScores.decidedOn, filter.fromDate),
            lte(decisionScores.decidedOn, filter.toDate),
            filter.person === undefined ? undefined : eq(decisionScores.person, filter.person),
          ),
        )
        .orderBy(asc(decisionScores.decidedAt), asc(decisionScores.id));
      return rows.map(toRecord);
    },
    async listUnscored(date) {
      const rows = await db
        .select()
        .from(decisionScores)
        .where(
          or(
            and(isNull(decisionScores.close1), lte(decisionScores.due1, date)),
            and(isNull(decisionScores.close5), lte(decisionScores.due5, date)),
            and(isNull(decisionScores.close20), lte(decisionScores.due20, date)),
          ),
        )
        .orderBy(asc(decisionScores.id));
      return rows.map(toRecord);
    },
    async setClose(id, horizon: Horizon, close, effect) {
      const set =
        horizon === 1
          ? { close1: close, effect1: effect }
          : horizon === 5
            ? { close5: close, effect5: effect }
            : { close20: close, effect20: effect };
      await db.update(decisionScores).set(set).where(eq(decisionScores.id, id));
    },
    async hasPerson(person) {
      const [row] = await db
        .select({ id: decisionScores.id })
        .from(decisionScores)
        .where(eq(decisionScores.person, person))
        .limit(1);
      return row !== undefined;
    },
  };
}

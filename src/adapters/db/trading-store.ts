import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  sql,
} from 'drizzle-orm';
import type { IntentStatus, OrderStatus } from '../../domain/order';
import { feeFor } from '../../domain/money';
import { statusAfterFill } from '../../domain/order';
import { applyFill } from '../../domain/portfolio';
import type {
  AlertRecord,
  AuditEventInput,
  AuditEventRecord,
  BookRecord,
  CardRef,
  FillInput,
  IntentRecord,
  NavSnapshotRecord,
  NewIntent,
  OrderRecord,
  PositionRecord,
  PrecheckSnapshot,
  TradingStateRecord,
  TradingStore,
} from '../../app/trading-store';
import type { Db, DbOrTx } from './client';
import * as s from './schema';

const BOOK_ID = 'main';

type IntentRow = typeof s.orderIntents.$inferSelect;
type OrderRow = typeof s.orders.$inferSelect;

const toIntent = (r: IntentRow): IntentRecord => ({
  id: r.id,
  source: r.source as IntentRecord['source'],
  proposer: r.proposer,
  sessionId: r.sessionId,
  dailyRunId: r.dailyRunId,
  idempotencyKey: r.idempotencyKey,
  ticker: r.ticker,
  side: r.side as IntentRecord['side'],
  quantity: r.quantity,
  orderType: r.orderType as IntentRecord['orderType'],
  limitPrice: r.limitPrice,
  rationale: r.rationale,
  precheck: r.precheck as PrecheckSnapshot,
  status: r.status as IntentStatus,
  environment: r.environment as IntentRecord['environment'],
  expiresAt: r.expiresAt,
  createdAt: r.createdAt,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt,
  decisionNote: r.decisionNote,
  firstApprovedBy: r.firstApprovedBy,
  firstApprovedAt: r.firstApprovedAt,
  cardRef: (r.cardRef as CardRef | null) ?? null,
});

const toOrder = (r: OrderRow): OrderRecord => ({
  id: r.id,
  intentId: r.intentId,
  environment: r.environment as OrderRecord['environment'],
  ticker: r.ticker,
  side: r.side as OrderRecord['side'],
  quantity: r.quantity,
  orderType: r.orderType as OrderRecord['orderType'],
  limitPrice: r.limitPrice,
  status: r.status as OrderStatus,
  brokerOrderId: r.brokerOrderId,
  brokerOrgNo: r.brokerOrgNo,
  filledQuantity: r.filledQuantity,
  filledAmount: r.filledAmount,
  fees: r.fees,
  rejectCode: r.rejectCode,
  rejectMessage: r.rejectMessage,
  unknownReason: r.unknownReason,
  reconcileAttempts: r.reconcileAttempts,
  submittedAt: r.submittedAt,
  lastReconciledAt: r.lastReconciledAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

async function insertEvent(db: DbOrTx, e: AuditEventInput): Promise<void> {
  await db.insert(s.orderEvents).values({
    orderId: e.orderId ?? null,
    intentId: e.intentId ?? null,
    type: e.type,
    data: e.data ?? {},
    actor: e.actor,
    at: e.at,
  });
}

export function createDbTradingStore(db: Db): TradingStore {
  return {
    async insertIntent(intent: NewIntent, at: Date) {
      return db.transaction(async (tx) => {
        const inserted = await tx
          .insert(s.orderIntents)
          .values({
            source: intent.source,
            proposer: intent.proposer,
            sessionId: intent.sessionId ?? null,
            dailyRunId: intent.dailyRunId ?? null,
            idempotencyKey: intent.idempotencyKey ?? null,
            ticker: intent.ticker,
            side: intent.side,
            quantity: intent.quantity,
            orderType: intent.orderType,
            limitPrice: intent.limitPrice ?? null,
            rationale: intent.rationale,
            precheck: intent.precheck,
            status: intent.status,
            environment: intent.environment,
            expiresAt: intent.expiresAt,
            createdAt: at,
          })
          .onConflictDoNothing({ target: s.orderIntents.idempotencyKey })
          .returning();
        if (inserted[0]) {
          await insertEvent(tx, {
            intentId: inserted[0].id,
            type: 'INTENT_PROPOSED',
            data: {
              source: intent.source,
              ticker: intent.ticker,
              side: intent.side,
              quantity: intent.quantity,
              orderType: intent.orderType,
              limitPrice: intent.limitPrice ?? null,
              precheck: intent.precheck.outcome,
              code: intent.precheck.code ?? null,
            },
            actor: intent.proposer,
            at,
          });
          return { intent: toIntent(inserted[0]), created: true };
        }
        const [existing] = await tx
          .select()
          .from(s.orderIntents)
          .where(eq(s.orderIntents.idempotencyKey, intent.idempotencyKey!));
        return { intent: toIntent(existing!), created: false };
      });
    },

    async getIntent(id) {
      const [row] = await db.select().from(s.orderIntents).where(eq(s.orderIntents.id, id));
      return row ? toIntent(row) : null;
    },

    async transitionIntent(id, from, to, patch, event, notExpiredAt, secondApprover) {
      return db.transaction(async (tx) => {
        const conditions = [eq(s.orderIntents.id, id), inArray(s.orderIntents.status, [...from])];
        if (notExpiredAt) conditions.push(gt(s.orderIntents.expiresAt, notExpiredAt));
        if (secondApprover) {
          conditions.push(isNotNull(s.orderIntents.firstApprovedBy));
          conditions.push(ne(s.orderIntents.firstApprovedBy, secondApprover.otherThan));
        }
        const [row] = await tx
          .update(s.orderIntents)
          .set({ status: to, ...patch })
          .where(and(...conditions))
          .returning();
        if (!row) return null;
        await insertEvent(tx, { ...event, intentId: id });
        return toIntent(row);
      });
    },

    async recordFirstApproval(id, userId, at, event) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(s.orderIntents)
          .set({ firstApprovedBy: userId, firstApprovedAt: at })
          .where(
            and(
              eq(s.orderIntents.id, id),
              eq(s.orderIntents.status, 'AWAITING_APPROVAL'),
              isNull(s.orderIntents.firstApprovedBy),
              gt(s.orderIntents.expiresAt, at),
            ),
          )
          .returning();
        if (!row) return null;
        await insertEvent(tx, { ...event, intentId: id });
        return toIntent(row);
      });
    },

    async listIntents(filter) {
      const conditions = [inArray(s.orderIntents.status, [...filter.statuses])];
      if (filter.expiresBefore) conditions.push(lt(s.orderIntents.expiresAt, filter.expiresBefore));
      if (filter.dailyRunId) conditions.push(eq(s.orderIntents.dailyRunId, filter.dailyRunId));
      const rows = await db
        .select()
        .from(s.orderIntents)
        .where(and(...conditions))
        // Intents created in the same millisecond keep their creation order: the id of their first event.
        .orderBy(
          asc(s.orderIntents.createdAt),
          asc(
            sql`(select min(${s.orderEvents.id}) from ${s.orderEvents} where ${s.orderEvents.intentId} = ${s.orderIntents.id})`,
          ),
        );
      return rows.map(toIntent);
    },

    async setIntentCardRef(id, ref) {
      await db.update(s.orderIntents).set({ cardRef: ref }).where(eq(s.orderIntents.id, id));
    },

    async createOrderForIntent(intent, at, limitPrice) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(s.orders)
          .values({
            intentId: intent.id,
            environment: intent.environment,
            ticker: intent.ticker,
            side: intent.side,
            quantity: intent.quantity,
            orderType: intent.orderType,
            limitPrice: limitPrice ?? intent.limitPrice,
            status: 'PENDING_SUBMIT',
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        const updated = await tx
          .update(s.orderIntents)
          .set({ status: 'SUBMITTED' })
          .where(and(eq(s.orderIntents.id, intent.id), eq(s.orderIntents.status, 'APPROVED')))
          .returning({ id: s.orderIntents.id });
        if (updated.length === 0) throw new Error(`intent ${intent.id} is not APPROVED`);
        await insertEvent(tx, {
          orderId: row!.id,
          intentId: intent.id,
          type: 'ORDER_CREATED',
          data: { status: 'PENDING_SUBMIT' },
          actor: 'execution',
          at,
        });
        return toOrder(row!);
      });
    },

    async updateOrder(id, from, patch, event) {
      return db.transaction(async (tx) => {
        const updatedAt = event?.at ?? patch.lastReconciledAt;
        const [row] = await tx
          .update(s.orders)
          .set({ ...patch, ...(updatedAt ? { updatedAt } : {}) })
          .where(and(eq(s.orders.id, id), inArray(s.orders.status, [...from])))
          .returning();
        if (!row) return null;
        if (event) await insertEvent(tx, { ...event, orderId: id, intentId: row.intentId });
        return toOrder(row);
      });
    },

    async getOrder(id) {
      const [row] = await db.select().from(s.orders).where(eq(s.orders.id, id));
      return row ? toOrder(row) : null;
    },

    async getOrderByIntent(intentId) {
      const [row] = await db.select().from(s.orders).where(eq(s.orders.intentId, intentId));
      return row ? toOrder(row) : null;
    },

    async findOrderByBrokerId(environment, brokerOrderId) {
      const [row] = await db
        .select()
        .from(s.orders)
        .where(and(eq(s.orders.environment, environment), eq(s.orders.brokerOrderId, brokerOrderId)));
      return row ? toOrder(row) : null;
    },

    async listOrders(filter) {
      const conditions = [];
      if (filter.statuses) conditions.push(inArray(s.orders.status, [...filter.statuses]));
      if (filter.createdSince) conditions.push(gte(s.orders.createdAt, filter.createdSince));
      if (filter.ticker) conditions.push(eq(s.orders.ticker, filter.ticker));
      const rows = await db
        .select()
        .from(s.orders)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(asc(s.orders.createdAt));
      return rows.map(toOrder);
    },

    async countOrdersCreatedSince(since) {
      const [row] = await db.select({ n: count() }).from(s.orders).where(gte(s.orders.createdAt, since));
      return Number(row?.n ?? 0);
    },

    async recordFill(input: FillInput) {
      return db.transaction(async (tx) => {
        let fill = input;
        const [orderRow] = await tx
          .select()
          .from(s.orders)
          .where(eq(s.orders.id, fill.orderId))
          .for('update');
        if (!orderRow) throw new Error(`order ${fill.orderId} not found`);
        const order = toOrder(orderRow);
        if (fill.brokerTotal) {
          const quantity = fill.brokerTotal.quantity - order.filledQuantity;
          if (quantity <= 0) return { applied: false, order };
          const amount = fill.brokerTotal.amount - order.filledAmount;
          fill = {
            ...fill,
            quantity,
            amount,
            price: Math.round(amount / quantity),
            fee: feeFor(amount, fill.brokerTotal.commissionPpm),
          };
        }
        const cumulative = order.filledQuantity + fill.quantity;
        if (fill.quantity <= 0 || cumulative > order.quantity) {
          throw new Error(
            `fill of ${fill.quantity} would exceed order ${order.id} (${order.filledQuantity}/${order.quantity})`,
          );
        }
        const amount = fill.amount ?? fill.quantity * fill.price;
        const insertedFill = await tx
          .insert(s.fills)
          .values({
            orderId: order.id,
            cumulativeQuantity: cumulative,
            ticker: order.ticker,
            side: order.side,
            quantity: fill.quantity,
            price: fill.price,
            amount,
            fee: fill.fee,
            tax: fill.tax,
            source: fill.source,
            filledAt: fill.filledAt,
          })
          .onConflictDoNothing()
          .returning({ id: s.fills.id });
        if (insertedFill.length === 0) return { applied: false, order };

        const status = statusAfterFill(order.quantity, cumulative);
        const [updated] = await tx
          .update(s.orders)
          .set({
            filledQuantity: cumulative,
            filledAmount: order.filledAmount + amount,
            fees: order.fees + fill.fee,
            status,
            updatedAt: fill.filledAt,
          })
          .where(eq(s.orders.id, order.id))
          .returning();

        const [positionRow] = await tx
          .select()
          .from(s.positions)
          .where(eq(s.positions.ticker, order.ticker))
          .for('update');
        const effect = applyFill(positionRow ?? null, {
          ticker: order.ticker,
          side: order.side,
          quantity: fill.quantity,
          amount,
          fee: fill.fee,
          tax: fill.tax,
        });
        await tx
          .insert(s.positions)
          .values({ ...effect.holding, updatedAt: fill.filledAt })
          .onConflictDoUpdate({
            target: s.positions.ticker,
            set: {
              quantity: effect.holding.quantity,
              costBasis: effect.holding.costBasis,
              realizedPnl: effect.holding.realizedPnl,
              updatedAt: fill.filledAt,
            },
          });
        await tx
          .insert(s.accountBook)
          .values({
            id: BOOK_ID,
            cash: effect.cashDelta,
            feesPaid: fill.fee,
            realizedPnl: effect.realized,
            updatedAt: fill.filledAt,
          })
          .onConflictDoUpdate({
            target: s.accountBook.id,
            set: {
              cash: sql`${s.accountBook.cash} + ${effect.cashDelta}`,
              feesPaid: sql`${s.accountBook.feesPaid} + ${fill.fee}`,
              realizedPnl: sql`${s.accountBook.realizedPnl} + ${effect.realized}`,
              updatedAt: fill.filledAt,
            },
          });
        await insertEvent(tx, {
          orderId: order.id,
          intentId: order.intentId,
          type: status === 'FILLED' ? 'ORDER_FILLED' : 'ORDER_PARTIALLY_FILLED',
          data: {
            quantity: fill.quantity,
            price: fill.price,
            amount,
            fee: fill.fee,
            cumulative,
            source: fill.source,
          },
          actor: fill.source,
          at: fill.filledAt,
        });
        return { applied: true, order: toOrder(updated!) };
      });
    },

    async getPositions(): Promise<PositionRecord[]> {
      const rows = await db.select().from(s.positions).orderBy(asc(s.positions.ticker));
      return rows.map((r) => ({
        ticker: r.ticker,
        quantity: r.quantity,
        costBasis: r.costBasis,
        realizedPnl: r.realizedPnl,
      }));
    },

    async getBook(): Promise<BookRecord | null> {
      const [row] = await db.select().from(s.accountBook).where(eq(s.accountBook.id, BOOK_ID));
      return row
        ? { cash: row.cash, feesPaid: row.feesPaid, realizedPnl: row.realizedPnl, syncedAt: row.syncedAt }
        : null;
    },

    async replaceBook(book, event) {
      await db.transaction(async (tx) => {
        const existing = await tx.select().from(s.positions).for('update');
        const incoming = new Map(book.positions.map((p) => [p.ticker, p]));
        for (const row of existing) {
          const next = incoming.get(row.ticker);
          if (!next)
            await tx
              .update(s.positions)
              .set({ quantity: 0, costBasis: 0, updatedAt: event.at })
              .where(eq(s.positions.ticker, row.ticker));
        }
        for (const p of book.positions) {
          await tx
            .insert(s.positions)
            .values({ ticker: p.ticker, quantity: p.quantity, costBasis: p.costBasis, updatedAt: event.at })
            .onConflictDoUpdate({
              target: s.positions.ticker,
              set: { quantity: p.quantity, costBasis: p.costBasis, updatedAt: event.at },
            });
        }
        await tx
          .insert(s.accountBook)
          .values({ id: BOOK_ID, cash: book.cash, syncedAt: event.at, updatedAt: event.at })
          .onConflictDoUpdate({
            target: s.accountBook.id,
            set: { cash: book.cash, syncedAt: event.at, updatedAt: event.at },
          });
        await insertEvent(tx, event);
      });
    },

    async appendEvent(event) {
      await insertEvent(db, event);
    },

    async listEvents(filter): Promise<AuditEventRecord[]> {
      const conditions = [];
      if (filter.orderId) conditions.push(eq(s.orderEvents.orderId, filter.orderId));
      if (filter.intentId) conditions.push(eq(s.orderEvents.intentId, filter.intentId));
      const rows = await db
        .select()
        .from(s.orderEvents)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(asc(s.orderEvents.id));
      return rows.map((r) => ({
        id: r.id,
        orderId: r.orderId,
        intentId: r.intentId,
        type: r.type,
        data: r.data as Record<string, unknown>,
        actor: r.actor,
        at: r.at,
      }));
    },

    async currentTradingState(): Promise<TradingStateRecord | null> {
      const [row] = await db
        .select()
        .from(s.tradingStateChanges)
        .orderBy(desc(s.tradingStateChanges.id))
        .limit(1);
      return row
        ? {
            state: row.state as TradingStateRecord['state'],
            previousState: row.previousState as TradingStateRecord['previousState'],
            reason: row.reason,
            actor: row.actor,
            at: row.at,
          }
        : null;
    },

    async appendTradingState(change) {
      await db.insert(s.tradingStateChanges).values(change);
    },

    async saveNavSnapshot(snapshot) {
      const inserted = await db
        .insert(s.navSnapshots)
        .values(snapshot)
        .onConflictDoNothing({ target: [s.navSnapshots.tradeDate, s.navSnapshots.kind] })
        .returning({ id: s.navSnapshots.id });
      if (inserted.length === 0 && snapshot.kind !== 'start_of_day') {
        await db
          .update(s.navSnapshots)
          .set({
            nav: snapshot.nav,
            cash: snapshot.cash,
            securitiesValue: snapshot.securitiesValue,
            positions: snapshot.positions,
            takenAt: snapshot.takenAt,
          })
          .where(
            and(eq(s.navSnapshots.tradeDate, snapshot.tradeDate), eq(s.navSnapshots.kind, snapshot.kind)),
          );
      }
      return inserted.length > 0;
    },

    async getNavSnapshot(tradeDate, kind) {
      const [row] = await db
        .select()
        .from(s.navSnapshots)
        .where(and(eq(s.navSnapshots.tradeDate, tradeDate), eq(s.navSnapshots.kind, kind)));
      return row ? toNav(row) : null;
    },

    async listNavSnapshots(filter) {
      const conditions = [eq(s.navSnapshots.kind, filter.kind)];
      if (filter.fromDate) conditions.push(gte(s.navSnapshots.tradeDate, filter.fromDate));
      if (filter.toDate) conditions.push(lte(s.navSnapshots.tradeDate, filter.toDate));
      const rows = await db
        .select()
        .from(s.navSnapshots)
        .where(and(...conditions))
        .orderBy(asc(s.navSnapshots.tradeDate));
      return rows.map(toNav);
    },

    async listRecentAlerts(limit) {
      const rows = await db
        .select()
        .from(s.alerts)
        .orderBy(desc(s.alerts.at), desc(s.alerts.id))
        .limit(limit);
      return rows.map(toAlert);
    },

    async insertAlert(alert): Promise<AlertRecord | null> {
      const inserted = await db
        .insert(s.alerts)
        .values({
          kind: alert.kind,
          severity: alert.severity,
          message: alert.message,
          data: alert.data,
          at: alert.at,
          dedupeKey: alert.dedupeKey ?? null,
        })
        .onConflictDoNothing()
        .returning();
      const row = inserted[0];
      return row ? toAlert(row) : null;
    },
  };
}

function toAlert(row: typeof s.alerts.$inferSelect): AlertRecord {
  return {
    id: row.id,
    kind: row.kind,
    severity: row.severity as AlertRecord['severity'],
    message: row.message,
    data: row.data as Record<string, unknown> | null,
    at: row.at,
  };
}

function toNav(row: typeof s.navSnapshots.$inferSelect): NavSnapshotRecord {
  return {
    tradeDate: row.tradeDate,
    kind: row.kind as NavSnapshotRecord['kind'],
    nav: row.nav,
    cash: row.cash,
    securitiesValue: row.securitiesValue,
    positions: row.positions as NavSnapshotRecord['positions'],
    takenAt: row.takenAt,
  };
}

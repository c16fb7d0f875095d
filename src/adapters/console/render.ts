/** Text for the terminal: answers with sources, proposal cards, approval outcomes, desk events, views. */
import type { ApprovalResult } from '../../app/approvals';
import type { DeskEvent } from '../../app/desk-events';
import type {
  AssistantReply,
  Citation,
  CycleSummary,
  MemoryItem,
  PortfolioView,
  StatusView,
} from '../../app/desk-api';
import { describeBlackoutDrift } from '../../app/guard-rails/blackout-text';
import { guardRailStatusLines } from '../../app/guard-rails/status-text';
import { watchStatusLines } from '../../app/watch/command-text';
import type { IntentRecord } from '../../app/trading-store';
import { formatBasisPoints } from '../../domain/risk';
import { checkMark, describeCheck, describeVerdict, type RiskCatalog } from '../../domain/risk';
import { kstParts } from '../../domain/market';
import type { ConsoleMessages } from '../../i18n/ko/console';
import { plainText } from './plain-text';

export interface RenderContext {
  say: ConsoleMessages;
  risk: RiskCatalog;
  nameOf(ticker: string): string;
}

export type Badge = 'PAPER' | 'LIVE' | 'SIM';

export function badgeOf(environment: 'paper' | 'real', simulated: boolean): Badge {
  if (environment === 'real') return 'LIVE';
  return simulated ? 'SIM' : 'PAPER';
}

/** "2026-11-23 10:10" in KST. */
export function kstMinute(at: Date | string): string {
  const p = kstParts(typeof at === 'string' ? new Date(at) : at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.date} ${pad(p.hour)}:${pad(p.minute)}`;
}

export function renderReply(reply: AssistantReply, ctx: RenderContext): string {
  const lines = [`${ctx.say.desk}${reply.offline ? ` ${ctx.say.offline}` : ''}: ${plainText(reply.text)}`];
  if (reply.citations.length > 0) {
    lines.push(`${ctx.say.sources}:`);
    reply.citations.forEach((c, i) => lines.push(`  [${i + 1}] ${plainText(citationText(c, ctx))}`));
  }
  return lines.join('\n');
}

function citationText(citation: Citation, ctx: RenderContext): string {
  switch (citation.kind) {
    case 'kis':
      return ctx.say.citeKis(citation.call, kstMinute(citation.at));
    case 'memory':
      return ctx.say.citeMemory(citation.id, citation.date);
    case 'news':
      return ctx.say.citeNews(citation.title, citation.url);
  }
}

export function renderCard(intent: IntentRecord, n: number, badge: Badge, ctx: RenderContext): string {
  const { say } = ctx;
  const market = intent.orderType === 'MARKET';
  const pre = intent.precheck;
  const lines = [
    `┌ ${say.card.title(n, say.badge[badge])}`,
    `│ ${say.card.line({
      ticker: intent.ticker,
      name: ctx.nameOf(intent.ticker),
      side: say.card.sides[intent.side],
      quantity: intent.quantity,
      orderType: market ? say.card.market : say.card.limit,
    })}`,
    `│ ${say.card.price(market ? pre.referencePrice : intent.limitPrice, market)} · ${say.card.value(pre.estimatedValue)}`,
  ];
  for (const check of pre.checks)
    lines.push(`│ ${checkMark(check, pre.outcome === 'DEFER')} ${describeCheck(check, ctx.risk)}`);
  const verdict =
    pre.outcome === 'DEFER'
      ? say.card.precheck.DEFER(pre.deferUntil ? kstMinute(pre.deferUntil) : '—')
      : say.card.precheck[pre.outcome];
  lines.push(`│ ${verdict}`);
  lines.push(`│ ${plainText(say.card.rationale(intent.rationale))}`);
  lines.push(`│ ${say.card.expires(kstMinute(intent.expiresAt))}`);
  lines.push(intent.status === 'AWAITING_APPROVAL' ? `└ ${say.card.prompt(n)}` : `└ ${intent.status}`);
  return lines.join('\n');
}

export function renderApproval(
  result: ApprovalResult | { status: 'rejected'; intent: IntentRecord },
  ctx: RenderContext,
): string {
  const a = ctx.say.approval;
  switch (result.status) {
    case 'submitted': {
      const r = result.result;
      if (r.status === 'accepted') return a.submitted(r.brokerOrderId);
      if (r.status === 'rejected') return a.submittedRejected(plainText(`${r.code} ${r.message}`));
      return a.submittedUnknown;
    }
    case 'deferred':
      return a.deferred(kstMinute(result.until));
    case 'denied':
      return a.denied(describeVerdict(result.verdict, ctx.risk));
    case 'needs-reapproval':
      return a.needsReapproval(describeBlackoutDrift(result.reason, ctx.risk.locale) ?? result.reason);
    case 'not-approved':
      return a.notApproved;
    case 'not-allowed':
      return a.notAllowed;
    case 'not-found':
      return a.notFound;
    case 'expired':
      return a.expired;
    case 'already-decided':
      return a.alreadyDecided(result.intent.status);
    case 'awaiting-second':
      return a.awaitingSecond;
    case 'same-approver':
      return a.sameApprover;
    case 'rejected':
      return a.rejected;
  }
}

/** A line for a desk event, or null when the terminal has nothing to say about it. */
export function renderEvent(
  event: DeskEvent,
  ctx: RenderContext,
  cardNumberOf: (intentId: string) => number | null,
): string | null {
  const e = ctx.say.events;
  switch (event.type) {
    case 'order.updated': {
      const { order } = event;
      if (event.fill)
        return e.fill({ ticker: order.ticker, quantity: event.fill.quantity, price: event.fill.price });
      if (order.status === 'ACCEPTED' && order.brokerOrderId) {
        return e.accepted({ ticker: order.ticker, orderNumber: order.brokerOrderId });
      }
      if (
        order.status === 'PENDING_SUBMIT' ||
        order.status === 'PARTIALLY_FILLED' ||
        order.status === 'FILLED'
      )
        return null;
      const detail = plainText(
        [order.rejectCode, order.rejectMessage ?? order.unknownReason].filter(Boolean).join(' '),
      );
      return e.orderStatus({ ticker: order.ticker, status: order.status, detail });
    }
    case 'intent.updated': {
      const n = cardNumberOf(event.intent.id);
      return n !== null && event.intent.status === 'EXPIRED' ? e.cardExpired(n) : null;
    }
    case 'trading-state.changed':
      return e.tradingState({
        from: event.change.previousState ?? '—',
        to: event.change.state,
        reason: plainText(event.change.reason),
      });
    case 'alert':
      return e.alert({ severity: event.alert.severity, message: plainText(event.alert.message) });
    case 'deferred.released': {
      const n = cardNumberOf(event.intentId);
      const text = renderApproval(event.outcome, ctx);
      return n === null ? text : `#${n} ${text}`;
    }
  }
}

export function renderPortfolio(view: PortfolioView, ctx: RenderContext): string {
  const p = ctx.say.portfolio;
  const lines = [
    p.title(kstMinute(view.asOf), ctx.say.badge[badgeOf(view.environment, view.simulated)]),
    p.totals({ cash: view.cash, securities: view.securitiesValue, nav: view.nav }),
    p.dayPnl(view.dayPnl),
  ];
  if (view.positions.length === 0) lines.push(p.empty);
  for (const pos of view.positions) {
    lines.push(
      p.position({
        ticker: pos.ticker,
        name: plainText(pos.name),
        quantity: pos.quantity,
        price: pos.price,
        value: pos.value,
        pnl: pos.unrealizedPnl,
        weight: formatBasisPoints(pos.weightBp),
      }),
    );
  }
  return lines.join('\n');
}

export function renderStatus(view: StatusView, ctx: RenderContext): string {
  const s = ctx.say.status;
  const lines = [s.state(view.tradingState, view.stateReason ? plainText(view.stateReason) : null)];
  if (view.awaitingReconciliation) lines.push(s.reconciling);
  lines.push(s.openOrders(view.openOrders.length), s.pendingIntents(view.pendingIntents.length));
  lines.push(s.model(view.model.id, view.model.offline, view.model.budgetLeftCents));
  lines.push(view.lastCycle ? s.lastCycle(view.lastCycle.tradeDate, view.lastCycle.status) : s.noCycle);
  lines.push(...guardRailStatusLines(view, ctx.risk.locale).map(plainText));
  lines.push(...watchStatusLines(view.watch?.status ?? null, ctx.risk.locale, view.watch?.max ?? 0));
  for (const alert of view.recentAlerts) {
    lines.push(ctx.say.events.alert({ severity: alert.severity, message: plainText(alert.message) }));
  }
  return lines.join('\n');
}

export function renderCycle(summary: CycleSummary | null, ctx: RenderContext): string {
  const c = ctx.say.cycle;
  if (!summary) return c.none;
  return [
    c.summary({ date: summary.tradeDate, status: summary.status }),
    ...summary.steps.map((step) => c.step({ ...step, error: step.error ? plainText(step.error) : null })),
  ].join('\n');
}

const MEMORY_PREVIEW_CHARS = 200;

export function renderMemories(items: readonly MemoryItem[], ctx: RenderContext): string {
  if (items.length === 0) return ctx.say.memory.empty;
  return items
    .map((item) => {
      const text = plainText(item.content).replace(/\s+/g, ' ').trim();
      return ctx.say.memory.item({
        id: plainText(item.id),
        kind: item.kind,
        date: item.date,
        content: text.length > MEMORY_PREVIEW_CHARS ? `${text.slice(0, MEMORY_PREVIEW_CHARS)}…` : text,
      });
    })
    .join('\n');
}

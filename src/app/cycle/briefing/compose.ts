/**
 * The morning briefing as data: one embed-like structure and one plain text per locale. Pure: every number
 * comes from the checkpoints and the snapshots the step passes in.
 */
import type { TradingCalendar } from '../../../domain/market';
import { basisPoints } from '../../../domain/money';
import type { TradingState } from '../../../domain/risk';
import { formatBpPercent, formatRatioPercent } from '../../../domain/strategy';
import type { Locale } from '../../desk-api';
import { cycleMessages, LOCALES, signedWon, won } from '../messages';
import type { ExecutionOutput, MarketOutput, NewsOutput, RiskOutput, StrategyOutput } from '../outputs';
import { legKey, noteLines, planLines } from '../plan-text';
import type { Briefing, BriefingEmbed } from '../ports';
import type { PnlFigures } from './pnl';
import { reportsText } from '../../reports/scorecard-text';

export interface BriefingFacts {
  tradeDate: string;
  runId: string;
  calendar: TradingCalendar;
  names: Readonly<Record<string, string>>;
  market: MarketOutput;
  strategy: StrategyOutput;
  risk: RiskOutput;
  execution: ExecutionOutput;
  news: NewsOutput;
  pnl: PnlFigures;
  tradingState: TradingState;
  awaitingReconciliation: boolean;
  /** Fridays: one line of the approval scorecard, per locale. */
  scorecard?: Record<Locale, string> | null;
}

const FIELD_MAX = 1_000;

export function composeBriefing(facts: BriefingFacts): Briefing {
  const embeds = {} as Record<Locale, BriefingEmbed>;
  const text = {} as Record<Locale, string>;
  for (const locale of LOCALES) {
    const embed = embedFor(facts, locale);
    embeds[locale] = embed;
    text[locale] = [
      embed.title,
      embed.description,
      ...embed.fields.map((f) => `■ ${f.name}\n${f.value}`),
      embed.footer ?? '',
    ]
      .filter((part) => part !== '')
      .join('\n\n');
  }
  return { tradeDate: facts.tradeDate, runId: facts.runId, embeds, text };
}

function embedFor(facts: BriefingFacts, locale: Locale): BriefingEmbed {
  const m = cycleMessages(locale).briefing;
  const balance = facts.market.balance;
  const description = [
    balance
      ? m.nav({ nav: won(balance.totalValue, locale), cash: won(balance.cashD2, locale) })
      : m.navUnknown,
    m.pnl({
      day: signedWon(facts.pnl.day, locale),
      mtd: signedWon(facts.pnl.mtd, locale),
      ytd: signedWon(facts.pnl.ytd, locale),
    }),
  ].join('\n');
  return {
    title: m.title({ date: facts.tradeDate }),
    description,
    fields: [
      field(m.positions, positionLines(facts, locale)),
      field(m.plan, planSection(facts, locale)),
      field(m.why, whySection(facts, locale)),
      field(m.signals, signalLines(facts, locale)),
      field(m.news, newsLines(facts, locale)),
      field(m.state, [stateLine(facts, locale)]),
      ...(facts.scorecard
        ? [field(reportsText(locale).scorecard.briefingField, [facts.scorecard[locale]])]
        : []),
    ],
    footer: m.footer({ run: facts.runId.slice(0, 8), dataAsOf: facts.strategy.dataAsOf ?? '—' }),
  };
}

function field(name: string, lines: string[]): BriefingEmbed['fields'][number] {
  const value = lines.filter((l) => l.trim() !== '').join('\n');
  return { name, value: clip(value === '' ? '—' : value, FIELD_MAX) };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function positionLines(facts: BriefingFacts, locale: Locale): string[] {
  const m = cycleMessages(locale).briefing;
  const balance = facts.market.balance;
  if (!balance) return [m.navUnknown];
  const held = balance.positions.filter((p) => p.quantity > 0);
  if (held.length === 0) return [m.noPositions];
  return held.map((p) =>
    m.position({
      ticker: p.ticker,
      name: facts.names[p.ticker] ?? p.name,
      quantity: p.quantity,
      value: won(p.marketValue, locale),
      weight: formatBpPercent(basisPoints(p.marketValue, balance.totalValue)),
      pnl: signedWon(p.unrealizedPnl, locale),
    }),
  );
}

function planSection(facts: BriefingFacts, locale: Locale): string[] {
  const m = cycleMessages(locale).briefing;
  const { strategy } = facts;
  if (strategy.status === 'DATA_INCOMPLETE') return [m.dataIncomplete];
  if (strategy.status === 'NOT_REBALANCE_DAY')
    return [m.notRebalanceDay({ next: nextRebalanceDay(facts.calendar, facts.tradeDate) })];
  if (strategy.legs.length === 0) return [m.noLegs];
  const intentStatus = new Map(facts.execution.intents.map((i) => [legKey(i), i.status]));
  const lines = planLines(
    { legs: strategy.legs, verdicts: facts.risk.legs, intentStatus, names: facts.names },
    locale,
  );
  return lines.legs;
}

function whySection(facts: BriefingFacts, locale: Locale): string[] {
  const { strategy } = facts;
  const why = strategy.legs.map((leg) => `${leg.ticker}: ${leg.rationale[locale]}`);
  return [...why, ...noteLines(strategy.notes, locale)];
}

function signalLines(facts: BriefingFacts, locale: Locale): string[] {
  return strategySignalLines(facts.strategy, locale);
}

/** The momentum ranking as lines (the briefing's signals field, and the plan thread's context for the model). */
export function strategySignalLines(strategy: StrategyOutput, locale: Locale): string[] {
  const m = cycleMessages(locale).briefing;
  const ranked = strategy.signals.filter((s) => s.ticker !== strategy.hurdle?.ticker);
  if (ranked.length === 0) return [m.noSignals];
  const lines = ranked.map((s) =>
    m.signal({
      rank: s.rank === null ? '-' : `${s.rank}.`,
      ticker: s.ticker,
      roc: s.roc === null ? s.status : formatRatioPercent(s.roc),
      mark: s.selected ? ' ✓' : '',
    }),
  );
  if (strategy.hurdle)
    lines.push(m.hurdle({ ticker: strategy.hurdle.ticker, roc: formatRatioPercent(strategy.hurdle.roc) }));
  return lines;
}

function newsLines(facts: BriefingFacts, locale: Locale): string[] {
  const m = cycleMessages(locale).briefing;
  if (facts.news.highlights.length === 0) return [m.noNews];
  return facts.news.highlights.map((n) => `• ${clip(oneLine(n.title), 200)} — ${n.url}`);
}

function stateLine(facts: BriefingFacts, locale: Locale): string {
  const m = cycleMessages(locale);
  const state = `${m.states[facts.tradingState]} (${facts.tradingState})`;
  return facts.awaitingReconciliation ? `${state} — ${m.awaitingReconciliation}` : state;
}

/** The first trading day of the next month. */
export function nextRebalanceDay(calendar: TradingCalendar, tradeDate: string): string {
  const [year, month] = tradeDate.split('-').map(Number) as [number, number];
  const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return calendar.firstTradingDayOfMonth(nextMonth);
}

/**
 * Titles are untrusted third-party text, kept plain here (memory and the terminal read them as they are); each
 * channel escapes them for its own markup (Discord: src/adapters/discord/untrusted.ts).
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

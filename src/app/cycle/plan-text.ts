/** The plan as lines of text in one locale: shared by the plan card and the briefing. */
import { kstParts } from '../../domain/market';
import type { Locale } from '../desk-api';
import { cycleMessages, won } from './messages';
import type { LegVerdict, PlanLeg, StrategyOutput } from './outputs';

export interface PlanTextInput {
  legs: readonly PlanLeg[];
  verdicts: readonly LegVerdict[];
  /** Current intent status by `${ticker}:${side}`, when intents exist. */
  intentStatus?: ReadonlyMap<string, string>;
  names: Readonly<Record<string, string>>;
}

export const legKey = (leg: { ticker: string; side: string }): string => `${leg.ticker}:${leg.side}`;

function hhmm(iso: string): string {
  const p = kstParts(new Date(iso));
  return `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export function legLine(leg: PlanLeg, names: Readonly<Record<string, string>>, locale: Locale): string {
  const m = cycleMessages(locale);
  return m.plan
    .leg({
      side: m.side[leg.side],
      ticker: leg.ticker,
      name: names[leg.ticker] ?? '',
      quantity: leg.quantity,
      price: won(leg.limitPrice, locale),
      value: won(leg.estimatedValue, locale),
    })
    .replace(/\s{2,}/g, ' ');
}

export function verdictText(verdict: LegVerdict | undefined, locale: Locale): string {
  const m = cycleMessages(locale);
  if (!verdict) return '—';
  if (verdict.outcome === 'ALLOW') return m.verdict.ALLOW;
  if (verdict.outcome === 'DEFER')
    return m.verdict.DEFER({ at: verdict.deferUntil ? hhmm(verdict.deferUntil) : '—' });
  return m.verdict.DENY({ reason: verdict.code ?? '—' });
}

/** One line per leg with its verdict (and intent status), then each leg's rationale. */
export function planLines(input: PlanTextInput, locale: Locale): { legs: string[]; why: string[] } {
  const m = cycleMessages(locale);
  const legs = input.legs.map((leg) => {
    const verdict = input.verdicts.find((v) => legKey(v) === legKey(leg));
    const status = input.intentStatus?.get(legKey(leg));
    return m.briefing.legStatus({
      leg: legLine(leg, input.names, locale),
      verdict: verdictText(verdict, locale),
      status: status ? (m.briefing.intentStatus[status] ?? ` · ${status}`) : '',
    });
  });
  const why = input.legs.map((leg) => `${leg.ticker}: ${leg.rationale[locale]}`);
  return { legs, why };
}

export function noteLines(notes: StrategyOutput['notes'], locale: Locale): string[] {
  return notes.map((n) => `• ${n.text[locale]}`);
}

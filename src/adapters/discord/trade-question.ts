import { z } from 'zod';
import { QUESTION_MAX_LENGTH, TICKER_MAX_LENGTH } from './render/trade-modal';

export const tradeQuestionSchema = z.object({
  question: z.string().trim().min(1).max(QUESTION_MAX_LENGTH),
  ticker: z.string().trim().max(TICKER_MAX_LENGTH).optional(),
});

export type TradeQuestion = z.infer<typeof tradeQuestionSchema>;

export interface UniverseItem {
  ticker: string;
  name: string;
}

/** A 6-digit code as typed, or the code of the ETF whose name matches; null when nothing matches. */
export function resolveTicker(typed: string, universe: readonly UniverseItem[]): UniverseItem | null {
  const wanted = typed.trim().toLowerCase();
  if (wanted === '') return null;
  const byCode = universe.find((item) => item.ticker === wanted);
  if (byCode) return byCode;
  return (
    universe.find((item) => item.name.toLowerCase() === wanted) ??
    universe.find((item) => item.name.toLowerCase().includes(wanted)) ??
    null
  );
}

/** The question the desk gets: the ticker named up front unless the question already mentions it. */
export function composeQuestion(input: TradeQuestion, universe: readonly UniverseItem[]): string {
  const typed = input.ticker?.trim() ?? '';
  if (typed === '') return input.question;
  const item = resolveTicker(typed, universe);
  const label = item ? `${item.ticker} ${item.name}`.trim() : typed;
  const code = item?.ticker ?? typed;
  return input.question.includes(code) ? input.question : `[${label}] ${input.question}`;
}

/** Autocomplete for the ticker option: codes by prefix, names by substring, at most Discord's 25 choices. */
export function tickerChoices(
  universe: readonly UniverseItem[],
  typed: string,
): { name: string; value: string }[] {
  const wanted = typed.trim().toLowerCase();
  return universe
    .filter(
      (item) => wanted === '' || item.ticker.startsWith(wanted) || item.name.toLowerCase().includes(wanted),
    )
    .slice(0, 25)
    .map((item) => ({ name: `${item.ticker} ${item.name}`.trim().slice(0, 100), value: item.ticker }));
}

/** `/backtest` as lines for any channel (Discord puts them in an embed, the terminal prints them). */
import {
  DESK_BACKTEST_MAX_CAPITAL,
  DESK_BACKTEST_MAX_MONTHS,
  DESK_BACKTEST_MIN_CAPITAL,
} from '../../backtest/desk-request';
import { formatKrw } from '../../domain/money';
import type { BacktestOutcome, Locale } from '../desk-api';
import { reportsText } from './scorecard-text';

export interface BacktestText {
  title: string;
  sections: { heading: string; lines: string[] }[];
  footer: string;
}

/** A ratio as a percentage with one decimal and its sign (display only; nothing is computed from it). */
function pct(ratio: number): string {
  const value = (ratio * 100).toFixed(1);
  return ratio > 0 ? `+${value}%` : `${value}%`;
}

/** The brief as a title and sections, or the one-line refusal. */
export function backtestText(outcome: BacktestOutcome, locale: Locale): BacktestText | string {
  const t = reportsText(locale).backtest;
  switch (outcome.status) {
    case 'invalid':
      return t.invalid(
        outcome.fields
          .map((f) =>
            f === 'months'
              ? t.months(DESK_BACKTEST_MAX_MONTHS)
              : t.capital(formatKrw(DESK_BACKTEST_MIN_CAPITAL, locale), formatKrw(DESK_BACKTEST_MAX_CAPITAL, locale)),
          )
          .join(' · '),
      );
    case 'no-data':
      return t.noData;
    case 'not-configured':
      return t.notConfigured;
    case 'failed':
      return t.failed(outcome.error);
    case 'done':
      break;
  }
  const b = outcome.brief;
  const money = (v: number) => formatKrw(v, locale);
  return {
    title: t.title(b.months, b.from, b.to),
    sections: [
      {
        heading: t.strategy,
        lines: [
          t.nav(money(b.capital), money(b.finalNav), money(b.finalNavAfterTax)),
          t.returns(pct(b.cagr), pct(b.cagrAfterTax), pct(b.maxDrawdown), b.sharpe.toFixed(2)),
          t.activity(b.trades, b.clipped, b.carried, b.abandoned, pct(b.averageCash).replace('+', '')),
        ],
      },
      {
        heading: t.benchmark(b.benchmark.ticker),
        lines: [t.benchmarkLine(pct(b.benchmark.cagr), pct(b.benchmark.maxDrawdown), money(b.benchmark.finalNav))],
      },
      {
        heading: '⚙️',
        lines: [
          t.settings(
            b.settings.topN,
            b.settings.lookbackDays,
            b.settings.skipDays,
            `${b.settings.maxPositionWeightBp / 100}%`,
            b.settings.cashSweep,
          ),
        ],
      },
    ],
    footer: t.footer,
  };
}

/** The text as plain lines for the terminal. */
export function backtestPlain(text: BacktestText | string): string {
  if (typeof text === 'string') return text;
  return [
    text.title,
    ...text.sections.flatMap((s) => [`  ${s.heading}`, ...s.lines.map((l) => `    ${l}`)]),
    `  ${text.footer}`,
  ].join('\n');
}

/** `/scorecard` as lines for any channel (Discord puts them in an embed, the terminal prints them). */
import { HORIZONS, type DatePeriod, type ScoreLine } from '../../domain/scorecard';
import type { Locale } from '../desk-api';
import { reportsText, signedKrw } from './report-text';
import type { ScorecardResult } from './scorecard';

export { reportsText, signedKrw } from './report-text';

export function periodLabel(period: DatePeriod, locale: Locale): string {
  return period.kind === 'all' ? reportsText(locale).scorecard.periodAll : period.label;
}

function lineText(line: ScoreLine, locale: Locale): string[] {
  const t = reportsText(locale).scorecard;
  return [
    t.decisions(line.decisions),
    ...HORIZONS.map((h) => {
      const s = line.horizons[h];
      return s.scored === 0
        ? t.notYet(h)
        : t.horizon(h, s.helped, s.hurt, signedKrw(s.net, locale), s.scored, line.decisions);
    }),
  ];
}

export interface ScorecardText {
  title: string;
  /** Sections: a heading (person or overall) and its lines. */
  sections: { heading: string; lines: string[] }[];
  footer: string;
}

/** `who` renders a person id (a Discord mention, or the terminal's plain id). */
export function scorecardText(
  result: ScorecardResult,
  locale: Locale,
  who: (person: string) => string,
): ScorecardText | string {
  const t = reportsText(locale).scorecard;
  switch (result.status) {
    case 'bad-period':
      return t.badPeriod(result.input);
    case 'unknown-person':
      return t.unknownPerson(who(result.person));
    case 'no-decisions':
      return result.person === null
        ? t.noDecisions(periodLabel(result.period, locale))
        : t.noDecisionsFor(who(result.person), periodLabel(result.period, locale));
    case 'ok': {
      const period = periodLabel(result.period, locale);
      const sections = [
        ...(result.person === null
          ? [{ heading: t.overall, lines: lineText(result.card.overall, locale) }]
          : []),
        ...result.card.people.map((p) => ({
          heading: p.person === null ? t.nobody : who(p.person),
          lines: lineText(p.line, locale),
        })),
      ];
      return {
        title: result.person === null ? t.title(period) : t.titleFor(who(result.person), period),
        sections,
        footer: `${t.asOf(result.asOf)} · ${t.explain}`,
      };
    }
  }
}

export function scorecardPlain(text: ScorecardText | string): string {
  if (typeof text === 'string') return text;
  return [
    text.title,
    ...text.sections.map((s) => [`■ ${s.heading}`, ...s.lines.map((l) => `  ${l}`)].join('\n')),
    text.footer,
  ].join('\n');
}

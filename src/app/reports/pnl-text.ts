/** `/pnl` as lines for any channel. */
import { formatKrw } from '../../domain/money';
import type { Locale } from '../desk-api';
import type { PnlResult } from './pnl';
import { reportsText, signedKrw } from './scorecard-text';

export function signedPercent(bp: number): string {
  const sign = bp > 0 ? '+' : bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** A title and lines, or the one-line refusal. */
export function pnlText(result: PnlResult, locale: Locale): { title: string; lines: string[] } | string {
  const t = reportsText(locale).pnl;
  if (result.status === 'bad-period') return t.badPeriod(result.input);
  if (result.status === 'no-data') return t.noData(result.period.label);
  const f = result.figures;
  const title = (result.baseKind === 'close' ? t.title : t.titleNew)(
    result.period.label,
    result.baseDate,
    result.endDate,
  );
  const lines = [
    t.nav(
      formatKrw(f.navStart, locale),
      formatKrw(f.navEnd, locale),
      signedKrw(f.total, locale),
      f.returnBp === null ? '—' : signedPercent(f.returnBp),
    ),
    t.split(signedKrw(f.realized, locale), signedKrw(f.unrealized, locale)),
    ...(f.other !== 0 ? [t.other(signedKrw(f.other, locale))] : []),
    t.costs(formatKrw(f.fees, locale), formatKrw(f.taxes, locale), f.buys, f.sells),
    f.benchmark
      ? t.benchmark(
          signedPercent(f.benchmark.returnBp),
          signedKrw(f.benchmark.krw, locale),
          signedKrw(f.benchmark.excess, locale),
        )
      : t.noBenchmark,
  ];
  return { title, lines };
}

export function pnlPlain(text: ReturnType<typeof pnlText>): string {
  return typeof text === 'string' ? text : [text.title, ...text.lines.map((l) => `  ${l}`)].join('\n');
}

/** The guard rails' lines of /status (a maintenance window in force, today's pre-open canary), for any channel. */
import { kstShort } from '../../domain/blackout';
import type { Locale, StatusView } from '../desk-api';
import { guardRailsText } from './blackout-text';

export function guardRailStatusLines(view: Pick<StatusView, 'blackout'>, locale: Locale): string[] {
  const t = guardRailsText(locale);
  const lines: string[] = [];
  if (view.blackout)
    lines.push(
      t.blackout.active(`${kstShort(new Date(view.blackout.until))} KST`, view.blackout.windows.join(', ')),
    );
  return lines;
}

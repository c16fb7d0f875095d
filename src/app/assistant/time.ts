import { kstParts } from '../../domain/market';

/** "2026-11-23 10:00:00 KST": what the model and the reader see; instants stay Dates elsewhere. */
export function kstStamp(instant: Date): string {
  const p = kstParts(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.date} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} KST`;
}

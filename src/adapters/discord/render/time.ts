import { time, TimestampStyles } from 'discord.js';
import { kstParts } from '../../../domain/market';

const pad = (n: number) => String(n).padStart(2, '0');

/** "09:00 KST": market times are KST whatever the reader's timezone. */
export function kstClock(at: Date): string {
  const p = kstParts(at);
  return `${pad(p.hour)}:${pad(p.minute)} KST`;
}

/** "2026-11-23 09:00 KST". */
export function kstDateTime(at: Date): string {
  return `${kstParts(at).date} ${kstClock(at)}`;
}

/** "09:00 KST (in 2 hours)": the relative part is a Discord timestamp, rendered by each reader's client. */
export function kstClockWithRelative(at: Date): string {
  return `${kstClock(at)} (${time(at, TimestampStyles.RelativeTime)})`;
}

/** A Discord timestamp shown as the reader's local time plus a relative hint. */
export function localTimeWithRelative(at: Date): string {
  return `${time(at, TimestampStyles.ShortTime)} (${time(at, TimestampStyles.RelativeTime)})`;
}

const LOCAL_DATE_TIME = /^(\d{4})[-./](\d{2})[-./](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Feed dates: RFC 822 (RSS), ISO 8601 (Atom, dc:date), and the zone-less `2026-03-10 09:30` that Korean feeds
 * often use, read as KST. Anything else is `null` rather than a guess.
 */
export function parseFeedDate(raw: string): Date | null {
  const text = raw.trim();
  if (text === '') return null;
  const local = LOCAL_DATE_TIME.exec(text);
  if (local) {
    const [, y, mo, d, h = '00', mi = '00', s = '00'] = local;
    const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}+09:00`);
    return Number.isNaN(t) ? null : new Date(t);
  }
  const t = Date.parse(text.replace(/\bKST\b/, '+0900'));
  return Number.isNaN(t) ? null : new Date(t);
}

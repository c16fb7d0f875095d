import { z } from 'zod';

/** The dashboard's query string: a KST date range and a language. Nothing else in it reaches the page or SQL. */
export interface DashboardRequest {
  from: string;
  to: string;
  locale: 'ko' | 'en';
}

export type DashboardProblem =
  | { kind: 'date'; field: 'from' | 'to' }
  | { kind: 'order' }
  | { kind: 'tooLong'; days: number }
  | { kind: 'lang' };

export const MAX_RANGE_DAYS = 3_660;
export const DEFAULT_RANGE_DAYS = 90;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
  );

const querySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  lang: z.enum(['ko', 'en']).optional(),
});

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Korean unless the browser prefers English over Korean (highest q wins; ties keep the header's order). */
export function localeFromAcceptLanguage(header: string | undefined): 'ko' | 'en' {
  if (!header) return 'ko';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(
      (l) =>
        l.q > 0 && (l.tag === 'ko' || l.tag.startsWith('ko-') || l.tag === 'en' || l.tag.startsWith('en-')),
    )
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'ko';
}

/**
 * Reads the range and language from the query string (zod). Defaults: the last 90 days up to today (KST), and the
 * language from ?lang= or Accept-Language. Problems come back as data so the page can say them in the locale.
 */
export function parseDashboardRequest(
  params: URLSearchParams,
  acceptLanguage: string | undefined,
  today: string,
): { ok: true; value: DashboardRequest } | { ok: false; locale: 'ko' | 'en'; problems: DashboardProblem[] } {
  const raw = {
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    lang: params.get('lang') || undefined,
  };
  const parsed = querySchema.safeParse(raw);
  const langOk = raw.lang === undefined || raw.lang === 'ko' || raw.lang === 'en';
  const locale = langOk && raw.lang ? (raw.lang as 'ko' | 'en') : localeFromAcceptLanguage(acceptLanguage);
  if (!parsed.success) {
    const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
    const problems: DashboardProblem[] = [
      ...(['from', 'to'] as const)
        .filter((f) => fields.has(f))
        .map((field) => ({ kind: 'date' as const, field })),
      ...(fields.has('lang') ? [{ kind: 'lang' as const }] : []),
    ];
    return { ok: false, locale, problems };
  }
  const to = parsed.data.to ?? (parsed.data.from && parsed.data.from > today ? parsed.data.from : today);
  const from = parsed.data.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) return { ok: false, locale, problems: [{ kind: 'order' }] };
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    return { ok: false, locale, problems: [{ kind: 'tooLong', days: MAX_RANGE_DAYS }] };
  }
  return { ok: true, value: { from, to, locale } };
}

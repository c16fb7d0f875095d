const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'igshid',
  'mc_cid',
  'mc_eid',
]);

/**
 * The URL an article is known by: http(s) only, no credentials, no fragment, no utm_* or click-id parameters,
 * remaining parameters sorted. `null` for anything that is not a web link (javascript:, data:, mailto: …).
 */
export function canonicalUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams].filter(
    ([key]) => !/^utm_/i.test(key) && !TRACKING_PARAMS.has(key.toLowerCase()),
  );
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length === 0 ? '' : new URLSearchParams(kept).toString();
  return url.toString();
}

/** Two feeds linking the same article over http and https still name one article. */
export function dedupeKey(canonical: string): string {
  return canonical.replace(/^http:/, 'https:');
}

/** Which universe securities a text talks about: 6-digit codes and names (spacing and case ignored). */
export interface NamedTicker {
  ticker: string;
  name: string;
}

const CODE = /(?<!\d)(\d{6})(?!\d)/g;
const compact = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.·()]/g, '');

export function tickersMentioned(texts: readonly string[], universe: readonly NamedTicker[]): string[] {
  const known = new Set(universe.map((e) => e.ticker));
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(CODE)) if (match[1] && known.has(match[1])) found.add(match[1]);
    const plain = compact(text);
    for (const entry of universe) {
      const name = compact(entry.name);
      if (name.length >= 3 && plain.includes(name)) found.add(entry.ticker);
    }
  }
  return [...found].sort();
}

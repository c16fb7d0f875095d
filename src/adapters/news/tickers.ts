export interface UniverseEntry {
  ticker: string;
  name: string;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds the universe's tickers mentioned in a text, by 6-digit code or by name. Names match case-insensitively
 * with flexible spacing ("KODEX200"), longest first, and not inside a longer Latin word or number
 * ("KODEX 200TR" is not "KODEX 200"); a Korean particle right after a name ("KODEX 200이") still counts.
 */
export function createTickerExtractor(universe: readonly UniverseEntry[]): (text: string) => string[] {
  const codes = new Set(universe.map((u) => u.ticker));
  const byName = [...universe]
    .filter((u) => u.name.trim() !== '')
    .sort((a, b) => b.name.length - a.name.length)
    .map((u) => ({
      ticker: u.ticker,
      pattern: new RegExp(
        `(?<![A-Za-z0-9])${u.name.trim().split(/\s+/).map(escapeRegExp).join('\\s*')}(?![A-Za-z0-9])`,
        'giu',
      ),
    }));
  return (text: string): string[] => {
    const found = new Set<string>();
    for (const m of text.matchAll(/(?<![\d.,])(\d{6})(?![\d.,]?\d)/g)) {
      if (codes.has(m[1]!)) found.add(m[1]!);
    }
    let rest = text;
    for (const { ticker, pattern } of byName) {
      rest = rest.replace(pattern, (whole) => {
        found.add(ticker);
        return ' '.repeat(whole.length);
      });
    }
    return [...found].sort();
  };
}

/** Finds securities in a request: universe names and aliases (spacing/case-insensitive) and 6-character KRX codes. */

export interface UniverseEntry {
  ticker: string;
  name: string;
  aliases?: string[];
}

export interface TickerMention {
  ticker: string;
  index: number;
}

export interface Found {
  mentions: TickerMention[];
  /** The text with each match replaced by spaces, so later parsing does not read "200" of "KODEX 200" as a number. */
  masked: string;
}

/** Korean readings of ETF brands, so "코덱스 200" finds "KODEX 200". */
const BRAND_READINGS: Record<string, string> = {
  kodex: '코덱스',
  tiger: '타이거',
  kindex: '킨덱스',
  kosef: '코세프',
  arirang: '아리랑',
  hanaro: '하나로',
  kbstar: '케이비스타',
  ace: '에이스',
  rise: '라이즈',
  sol: '쏠',
  plus: '플러스',
};

const IGNORED_IN_NAMES = /[\s\-_.·()[\]]/;
const SHORTEST_NAME = 3;

// Six digits, as the tool schemas require (KRX's newer codes with a letter, e.g. 0091C0, are not accepted there).
const CODE = /(?<![0-9A-Za-z])(\d{6})(?![0-9A-Za-z])/g;

export function maskSpan(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

function compact(text: string): { chars: string; origin: number[] } {
  let chars = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] ?? '';
    if (IGNORED_IN_NAMES.test(ch)) continue;
    for (const lower of ch.toLowerCase()) {
      chars += lower;
      origin.push(i);
    }
  }
  return { chars, origin };
}

function nameVariants(entry: UniverseEntry): string[] {
  const variants = new Set<string>();
  for (const name of [entry.name, ...(entry.aliases ?? [])]) {
    const plain = compact(name.normalize('NFKC')).chars;
    if (plain.length < SHORTEST_NAME) continue;
    variants.add(plain);
    for (const [brand, reading] of Object.entries(BRAND_READINGS)) {
      if (plain.startsWith(brand)) variants.add(reading + plain.slice(brand.length));
    }
  }
  return [...variants];
}

export interface TickerFinder {
  /** Universe names and aliases. Longer names win over names they contain ("TIGER 200 IT" over "TIGER 200"). */
  findNames(text: string): Found;
  /** Explicit codes; call after prices are masked so "100000원" is not a code. */
  findCodes(text: string): Found;
  /** Whether the desk deals in this code (every code, when no universe was given). */
  isKnown(ticker: string): boolean;
}

export function createTickerFinder(universe: readonly UniverseEntry[]): TickerFinder {
  const known = new Set(universe.map((entry) => entry.ticker));
  const variants = universe
    .flatMap((entry) => nameVariants(entry).map((variant) => ({ ticker: entry.ticker, variant })))
    .sort((a, b) => b.variant.length - a.variant.length);

  return {
    findNames(text) {
      const { chars, origin } = compact(text);
      const taken: boolean[] = new Array<boolean>(chars.length).fill(false);
      const mentions: TickerMention[] = [];
      let masked = text;
      for (const { ticker, variant } of variants) {
        for (let at = chars.indexOf(variant); at >= 0; at = chars.indexOf(variant, at + 1)) {
          const end = at + variant.length;
          if (taken.slice(at, end).some(Boolean)) continue;
          taken.fill(true, at, end);
          const start = origin[at] ?? 0;
          const stop = (origin[end - 1] ?? start) + 1;
          mentions.push({ ticker, index: start });
          masked = maskSpan(masked, start, stop);
        }
      }
      return { mentions: mentions.sort((a, b) => a.index - b.index), masked };
    },
    findCodes(text) {
      const mentions: TickerMention[] = [];
      let masked = text;
      for (const match of text.matchAll(CODE)) {
        const code = match[1] ?? '';
        mentions.push({ ticker: code, index: match.index });
        masked = maskSpan(masked, match.index, match.index + code.length);
      }
      return { mentions, masked };
    },
    isKnown: (ticker) => known.size === 0 || known.has(ticker),
  };
}

/** Distinct tickers in the order they were first mentioned. */
export function distinctTickers(mentions: TickerMention[]): string[] {
  return [...new Set([...mentions].sort((a, b) => a.index - b.index).map((m) => m.ticker))];
}

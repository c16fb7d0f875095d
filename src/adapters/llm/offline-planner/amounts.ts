/** Reads prices, share quantities and look-back periods out of Korean and English requests. */
import { maskSpan } from './tickers';

export type PriceReading = { kind: 'won'; value: number } | { kind: 'not_whole_won' };

export interface Extracted<T> {
  value: T | null;
  masked: string;
}

const NUMBER = String.raw`\d[\d,]*(?:\.\d+)?`;
const KOREAN_UNIT_AMOUNT = String.raw`(?:${NUMBER}\s*[만천]\s*)+(?:${NUMBER})?|${NUMBER}`;

/** Prices with an unmistakable anchor: "35,000원", "3만5천원", "at 20,000", "@20000", "limit 35000", "₩35000", "지정가 35000". */
const ANCHORED_PRICES: RegExp[] = [
  new RegExp(String.raw`(?<![\d.,])(${KOREAN_UNIT_AMOUNT})\s*원`, 'g'),
  new RegExp(String.raw`(?:\bat|@)\s*(?:₩|krw\s*)?(${NUMBER})(?:\s*(?:won|krw)\b)?`, 'gi'),
  new RegExp(String.raw`\blimit(?:\s+price)?(?:\s+of)?\s*(?:₩|krw\s*)?(${NUMBER})`, 'gi'),
  new RegExp(String.raw`₩\s*(${NUMBER})`, 'g'),
  new RegExp(String.raw`(?<![\d.,])(${NUMBER})\s*(?:won|krw)\b`, 'gi'),
  new RegExp(
    String.raw`(?:지정가|단가)\s*(?:로|으로|는|은|:)?\s*(${KOREAN_UNIT_AMOUNT})(?![\d.,])(?!\s*(?:주|좌|개|shares?))`,
    'g',
  ),
];

/** "35000에 매수": only safe once codes are masked, or "069500에" would read as a price. */
const PRICE_BEFORE_EUL = new RegExp(String.raw`(?<![\d.,])(${NUMBER})\s*에(?=\s|$)`, 'g');

function wonValue(amount: string): PriceReading {
  let total = 0;
  for (const part of amount.matchAll(new RegExp(String.raw`(${NUMBER})\s*([만천])?`, 'g'))) {
    const number = Number((part[1] ?? '').replace(/,/g, ''));
    total += number * (part[2] === '만' ? 10_000 : part[2] === '천' ? 1_000 : 1);
  }
  return Number.isSafeInteger(total) && total > 0 ? { kind: 'won', value: total } : { kind: 'not_whole_won' };
}

function firstMatch(text: string, patterns: RegExp[]): Extracted<PriceReading> {
  let found: { reading: PriceReading; start: number; end: number } | null = null;
  let masked = text;
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      masked = maskSpan(masked, start, end);
      if (!found || start < found.start) found = { reading: wonValue(match[1] ?? ''), start, end };
    }
  }
  return { value: found?.reading ?? null, masked };
}

export function extractAnchoredPrice(text: string): Extracted<PriceReading> {
  return firstMatch(text, ANCHORED_PRICES);
}

export function extractPriceBeforeEul(text: string): Extracted<PriceReading> {
  return firstMatch(text, [PRICE_BEFORE_EUL]);
}

const QUANTITY_WITH_UNIT =
  /(?<![\d.,])(\d[\d,]*)\s*(?:주(?![가식문간일의])|좌|개(?!월)|shares?\b|units?\b|株)/gi;
const QUANTITY_AFTER_VERB = /\b(?:buy|sell|purchase)\s+(\d[\d,]*)(?![\d.,])(?!\s*(?:won|krw|원|%))/gi;

/** A whole number of shares ≥ 1, or 'invalid' when one was given but is not usable (0, fractions, absurd sizes). */
export function extractQuantity(text: string): number | 'invalid' | null {
  for (const pattern of [QUANTITY_WITH_UNIT, QUANTITY_AFTER_VERB]) {
    for (const match of text.matchAll(pattern)) {
      const quantity = Number((match[1] ?? '').replace(/,/g, ''));
      return Number.isSafeInteger(quantity) && quantity >= 1 ? quantity : 'invalid';
    }
  }
  return /\d\s*\.\s*\d+\s*(?:주|좌|shares?)/i.test(text) ? 'invalid' : null;
}

const KOREAN_COUNTS: Record<string, number> = {
  한: 1,
  두: 2,
  세: 3,
  석: 3,
  네: 4,
  넉: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
  열두: 12,
};
const ENGLISH_COUNTS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  nine: 9,
  ten: 10,
  twelve: 12,
};
const DAYS_PER_UNIT: Record<string, number> = {
  일: 1,
  주: 7,
  주일: 7,
  달: 30,
  개월: 30,
  년: 365,
  해: 365,
  day: 1,
  week: 7,
  month: 30,
  year: 365,
};
const KOREAN_PERIOD = /(\d+|열두|다섯|여섯|일곱|여덟|아홉|한|두|세|석|네|넉|열)\s*(주일|개월|일|주|달|년|해)/;
const KOREAN_PERIOD_WORDS: Record<string, number> = {
  하루: 1,
  이틀: 2,
  사흘: 3,
  일주일: 7,
  보름: 15,
  반년: 180,
  일년: 365,
};
const ENGLISH_PERIOD =
  /\b(\d+|an?|one|two|three|four|five|six|nine|ten|twelve)[\s-]*(day|week|month|year)s?\b/i;
const ENGLISH_LAST_UNIT = /\b(?:last|past)\s+(day|week|month|year)\b/i;

export const MAX_HISTORY_DAYS = 400;

/** Calendar days of a look-back period ("최근 한달" → 30, "3 months" → 90), capped at 400. */
export function extractPeriodDays(text: string): number | null {
  const days = readPeriod(text);
  return days === null ? null : Math.min(Math.max(days, 1), MAX_HISTORY_DAYS);
}

function readPeriod(text: string): number | null {
  for (const [word, days] of Object.entries(KOREAN_PERIOD_WORDS)) {
    if (text.includes(word)) return days;
  }
  const korean = KOREAN_PERIOD.exec(text);
  if (korean) {
    const count = /^\d+$/.test(korean[1] ?? '') ? Number(korean[1]) : KOREAN_COUNTS[korean[1] ?? ''];
    const perUnit = DAYS_PER_UNIT[korean[2] ?? ''];
    if (count !== undefined && perUnit !== undefined) return count * perUnit;
  }
  const english = ENGLISH_PERIOD.exec(text);
  if (english) {
    const word = (english[1] ?? '').toLowerCase();
    const count = /^\d+$/.test(word) ? Number(word) : ENGLISH_COUNTS[word];
    const perUnit = DAYS_PER_UNIT[(english[2] ?? '').toLowerCase()];
    if (count !== undefined && perUnit !== undefined) return count * perUnit;
  }
  const lastUnit = ENGLISH_LAST_UNIT.exec(text);
  return lastUnit ? (DAYS_PER_UNIT[(lastUnit[1] ?? '').toLowerCase()] ?? null) : null;
}

import { decodeEntities } from './entities';

// Control characters and bidi overrides can disguise text when it is shown to a person; matching them is the point.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const BLOCK_BREAK = /<\s*(br|\/p|\/div|\/li|\/h[1-6]|\/tr)\b[^>]*>/gi;

/** Plain text of untrusted markup: scripts and styles dropped with their content, tags removed, entities decoded. */
export function htmlToText(html: string): string {
  const withoutCode = html
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<(script|style|iframe|object|noscript)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ');
  const text = withoutCode.replace(BLOCK_BREAK, ' ').replace(/<\/?[A-Za-z][^>]*>/g, '');
  return cleanText(decodeEntities(text));
}

/** One line of visible text: invisible characters removed, whitespace collapsed. */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Searches everything the desk emitted or stored for known secret values. */

export interface ScannedText {
  /** Where the text came from, e.g. `log line 12` or `db sessions.title`. */
  where: string;
  text: string;
}

export interface Leak {
  where: string;
  /** The secret's first characters only, so the failure message does not repeat it. */
  secret: string;
  excerpt: string;
}

const EXCERPT_CHARS = 40;

function mask(secret: string): string {
  return `${secret.slice(0, 4)}…(${secret.length} chars)`;
}

/** Every occurrence of every secret in every text; an empty list means nothing leaked. */
export function findLeaks(texts: readonly ScannedText[], secrets: readonly string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const { where, text } of texts) {
    for (const secret of secrets) {
      let at = text.indexOf(secret);
      while (at !== -1) {
        const from = Math.max(0, at - EXCERPT_CHARS);
        const excerpt = `${text.slice(from, at)}<SECRET>${text.slice(at + secret.length, at + secret.length + EXCERPT_CHARS)}`;
        leaks.push({ where, secret: mask(secret), excerpt });
        at = text.indexOf(secret, at + secret.length);
      }
    }
  }
  return leaks;
}

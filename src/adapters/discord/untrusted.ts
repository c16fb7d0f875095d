/**
 * The one escape for text the desk did not write (model answers, news titles, memory, broker and error messages)
 * before it reaches Discord markdown. It keeps ordinary formatting (bold, lists, code) and takes away what could
 * deceive or ping a reader:
 * - masked and markdown links (`[KIS 재인증](https://evil.example)`, `[x](<url>)`, nested brackets): every
 *   bracket is backslash-escaped (backslashes first, so an escape in the input cannot undo ours), leaving the
 *   URL visible as plain text;
 * - mention syntax (`<@id>`, `<@!id>`, `<@&id>`, `<#id>`, `</command:id>`, `@everyone`, `@here`): a zero-width
 *   space after `<` or `@` means neither Discord's client nor its server reads a mention there;
 * - invisible and direction-changing characters (zero-width spaces, joiners used as separators, bidi overrides),
 *   which can hide or reorder text, are removed first, so they can neither split a pattern we look for nor
 *   disguise a URL.
 * Posting with `allowedMentions: { parse: [] }` stays the rule as well: escaping is about what people see.
 */

const ZWSP = '\u200b';

/** Characters that render as nothing or reorder text (ZWJ and variation selectors stay: emoji need them). */
const INVISIBLE =
  /[\u00ad\u061c\u115f\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]/g;

export function escapeUntrusted(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/\\/g, '\\\\')
    .replace(/[[\]]/g, (bracket) => `\\${bracket}`)
    .replace(/<(?=[@#/:a-z])/gi, `<${ZWSP}`)
    .replace(/@(?=everyone|here)/gi, `@${ZWSP}`);
}

/**
 * A URL shown as `<url>` (no preview, no masking): only http(s), without user info (`https://kis.co.kr@evil`),
 * and with the characters that could close the brackets or start markdown percent-encoded. Null otherwise.
 */
export function safeLinkTarget(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.username = '';
  url.password = '';
  return url.href.replace(
    /[<>()[\]\\`*_~|@\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

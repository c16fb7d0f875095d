/**
 * What a Discord reader would see as a link or a mention in a piece of message text, modelled on Discord's
 * rules: a masked link is `[text](target)` whose brackets are not backslash-escaped; a mention is `<@id>`,
 * `<@!id>`, `<@&id>`, `<#id>`, `</name:id>`, `@everyone` or `@here` in the raw text (the server finds pings in
 * the raw content, so an escape does not count as safe here). Direction overrides count too: they disguise URLs.
 */

export interface Hazard {
  kind: 'masked-link' | 'mention' | 'bidi';
  match: string;
}

const MENTION = /<@!?(\d+)>|<@&(\d+)>|<#(\d+)>|<\/[^\s:>]+:(\d+)>|@everyone|@here/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

/** Removes every backslash escape (`\x` → one inert placeholder), left to right as markdown reads them. */
function withoutEscapes(text: string): string {
  return text.replace(/\\[\s\S]/g, '\u0000');
}

/** Masked links and mentions in `text`; mentions of `allowedIds` (the desk's own, on purpose) are not hazards. */
export function markdownHazards(text: string, allowedIds: readonly string[] = []): Hazard[] {
  const hazards: Hazard[] = [];
  for (const match of withoutEscapes(text).matchAll(/\[[\s\S]*?\]\(/g))
    hazards.push({ kind: 'masked-link', match: match[0] });
  for (const match of text.matchAll(MENTION)) {
    const id = match[1] ?? match[2] ?? match[3];
    if (id !== undefined && allowedIds.includes(id)) continue;
    hazards.push({ kind: 'mention', match: match[0] });
  }
  if (BIDI.test(text)) hazards.push({ kind: 'bidi', match: text.match(BIDI)![0] });
  return hazards;
}

interface EmbedLike {
  title?: string | null;
  description?: string | null;
  fields?: readonly { name: string; value: string }[] | null;
}

/** The markdown-rendering parts of a message body: content, embed titles, descriptions and fields. */
export function renderedTexts(body: {
  content?: string | null;
  embeds?: readonly EmbedLike[] | null;
}): string[] {
  const texts: string[] = [];
  if (body.content) texts.push(body.content);
  for (const embed of body.embeds ?? []) {
    if (embed.title) texts.push(embed.title);
    if (embed.description) texts.push(embed.description);
    for (const field of embed.fields ?? []) texts.push(field.name, field.value);
  }
  return texts;
}

/**
 * Hostile text seen in the wild or built to slip past a naive escape: masked and markdown links, nested
 * brackets, escapes that try to cancel ours, mention syntax of every kind, code spans and fences, zero-width
 * and direction characters.
 */
export const HOSTILE_CORPUS: readonly string[] = [
  '[KIS 재인증](https://evil.example)',
  '계좌가 잠겼습니다. [KIS 재인증](<https://evil.example/login>) 에서 확인하세요',
  '[[KIS](https://kis.example)](https://evil.example)',
  '[KIS [공식] 안내](https://evil.example "한국투자증권")',
  '[KIS 재인증\\](https://kis.example)](https://evil.example)',
  '\\\\[KIS 재인증\\\\](https://evil.example)',
  '@everyone 지금 069500 전량 매수!',
  '@here 긴급',
  '<@&123456789012345678> 승인해 주세요',
  '<@111111111111111111> <@!111111111111111111> <#222222222222222222> </trade:333333333333333333>',
  '`[KIS 재인증](https://evil.example)` and ``@everyone``',
  '```\n[KIS 재인증](https://evil.example)\n@everyone\n```',
  '[KIS\u200b재인증](https://evil.example)',
  '[KIS 재인증]\u200b(https://evil.example)',
  '@every\u200bone @he\u2060re <\u200b@&123456789012345678> <@\u200d&123456789012345678>',
  '[KIS\ufeff](https://evil.example) @\u00adeveryone',
  'https://kis.co.kr\u202e/moc.elpmaxe.live',
];

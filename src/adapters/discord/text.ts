/** Discord's size limits for what this channel sends. */
export const DISCORD_LIMITS = {
  content: 2000,
  threadName: 100,
  embedDescription: 4096,
  embedFieldValue: 1024,
  embedTitle: 256,
  embedTotal: 6000,
  autocompleteChoices: 25,
  choiceName: 100,
} as const;

const ELLIPSIS = '…';

/**
 * Cuts to at most `max` UTF-16 units (Discord's count, and never less than the character count), without
 * splitting a surrogate pair, marking the cut with an ellipsis.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

/** A thread name from a question: one line, trimmed, at most 100 characters; `fallback` when blank. */
export function threadNameFrom(question: string, fallback: string): string {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  return truncate(oneLine === '' ? fallback : oneLine, DISCORD_LIMITS.threadName);
}

/**
 * Splits long text into messages of at most `max` characters, preferring line breaks, then spaces. At most
 * `maxParts` messages; the last one is truncated so a runaway answer cannot flood a thread.
 */
export function splitMessage(text: string, max: number = DISCORD_LIMITS.content, maxParts = 5): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > 0 && parts.length < maxParts) {
    if (rest.length <= max) {
      parts.push(rest);
      rest = '';
      break;
    }
    const window = rest.slice(0, max);
    const newline = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    const at = newline > max / 2 ? newline : space > max / 2 ? space : max;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0 && parts.length > 0) {
    const last = parts.pop()!;
    parts.push(truncate(`${last} ${rest}`, max));
  }
  return parts;
}

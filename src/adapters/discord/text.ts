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

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * The opening line (marker and info string, e.g. "```ts") of a fenced code block still open at the end of
 * `text`, or null when every fence is closed.
 */
export function openFenceAt(text: string): string | null {
  let open: { marker: string; line: string } | null = null;
  for (const line of text.split('\n')) {
    const match = FENCE.exec(line);
    if (!match) continue;
    const marker = match[1]!;
    if (open === null) open = { marker, line: `${marker}${match[2]!.trim()}` };
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && match[2]!.trim() === '')
      open = null;
  }
  return open?.line ?? null;
}

/** Room kept at the end of a part for a closing fence. */
const FENCE_RESERVE = 12;

/**
 * Splits an answer into messages of at most `max` characters, preferring line breaks, then spaces, and keeps
 * markdown code fences balanced: a part that ends inside a fenced block closes it, and the next part reopens it
 * with the same info string. Nothing is dropped (see `splitMessage` for the capped variant).
 */
export function splitAnswer(text: string, max: number = DISCORD_LIMITS.content): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  let reopen = '';
  while (rest.length > 0) {
    const whole = reopen + rest;
    const closer = (part: string) => {
      const open = openFenceAt(part);
      return open === null ? '' : `\n${open.replace(/[^`~].*$/, '')}`;
    };
    if (whole.length + closer(whole).length <= max) {
      parts.push(whole + closer(whole));
      break;
    }
    const budget = Math.max(1, max - reopen.length - FENCE_RESERVE);
    const window = rest.slice(0, budget);
    const newline = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    let at: number;
    let skip: number;
    if (newline > budget / 2) [at, skip] = [newline, 1];
    else if (space > budget / 2) [at, skip] = [space, 1];
    else {
      at = budget;
      skip = 0;
      const last = rest.charCodeAt(at - 1);
      if (last >= 0xd800 && last <= 0xdbff) at -= 1;
    }
    const part = reopen + rest.slice(0, at).trimEnd();
    const open = openFenceAt(part);
    parts.push(open === null ? part : `${part}${closer(part)}`);
    reopen = open === null ? '' : `${open}\n`;
    rest = rest.slice(at + skip);
    if (reopen === '') rest = rest.trimStart();
  }
  return parts;
}

import { htmlToText } from './html-text';

/**
 * The summary used when no model is available: the first whole sentences of the text that fit in `maxChars`,
 * or the first sentence cut at a word boundary with an ellipsis. Extractive only: nothing is rephrased.
 */
export function extractiveSummary(html: string, maxChars: number): string {
  const text = htmlToText(html);
  if (text.length <= maxChars) return text;
  const sentences = text.split(/(?<=[.!?。]["'”’)]?)\s+/);
  let summary = '';
  for (const sentence of sentences) {
    const next = summary === '' ? sentence : `${summary} ${sentence}`;
    if (next.length > maxChars) break;
    summary = next;
  }
  if (summary !== '') return summary;
  const cut = text.slice(0, Math.max(1, maxChars - 1));
  const space = cut.lastIndexOf(' ');
  return `${space > maxChars / 2 ? cut.slice(0, space) : cut}…`;
}

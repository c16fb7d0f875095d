import type { AssistantReply, Citation } from '../../../app/desk-api';
import type { Catalogs } from '../locale';
import { truncate } from '../text';

const MAX_SOURCES_TEXT = 600;

function citationText(citation: Citation, catalogs: Catalogs): string {
  switch (citation.kind) {
    case 'kis':
      return `KIS ${citation.call} (${citation.at})`;
    case 'memory':
      return `${catalogs.text.memory.title} ${citation.id} (${citation.date})`;
    case 'news':
      // Bare URL in angle brackets: no masked links from untrusted titles, no preview.
      return `${truncate(citation.title, 80)} <${citation.url}>`;
  }
}

/** The answer as posted in the thread: the model's text, then where its numbers came from. */
export function assistantReplyText(reply: AssistantReply, catalogs: Catalogs): string {
  const notes: string[] = [];
  if (reply.citations.length > 0) {
    const sources = reply.citations.map((c) => citationText(c, catalogs)).join(' · ');
    notes.push(`-# ${catalogs.text.trade.sources}: ${truncate(sources, MAX_SOURCES_TEXT)}`);
  }
  if (reply.offline) notes.push(`-# ${catalogs.text.trade.offline}`);
  return [reply.text.trim(), ...notes].filter((part) => part !== '').join('\n');
}

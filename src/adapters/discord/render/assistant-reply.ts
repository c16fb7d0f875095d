import type { AssistantReply, Citation } from '../../../app/desk-api';
import type { Catalogs } from '../locale';
import { truncate } from '../text';
import { escapeUntrusted, safeLinkTarget } from '../untrusted';

const MAX_SOURCES_TEXT = 600;

function citationText(citation: Citation, catalogs: Catalogs): string {
  switch (citation.kind) {
    case 'kis':
      return escapeUntrusted(`KIS ${citation.call} (${citation.at})`);
    case 'memory':
      return escapeUntrusted(`${catalogs.text.memory.title} ${citation.id} (${citation.date})`);
    case 'news': {
      // The title as escaped text, the URL bare in angle brackets: no masked link, no preview.
      const url = safeLinkTarget(citation.url);
      const title = truncate(escapeUntrusted(citation.title.replace(/\s+/g, ' ')), 80);
      return url ? `${title} <${url}>` : title;
    }
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
  return [escapeUntrusted(reply.text.trim()), ...notes].filter((part) => part !== '').join('\n');
}

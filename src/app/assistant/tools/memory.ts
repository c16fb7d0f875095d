/** search_memory and search_news: memory hits as untrusted data, each cited. */
import type { MemoryHit, MemoryKind, MemoryStore } from '../../../domain/ports/memory';
import type { Citation } from '../../desk-api';
import { truncateToTokens } from '../tokens';
import { toolResult, type ToolOutcome } from './outcome';
import type { ToolArgs } from './schemas';

/** Every kind but news: news has its own tool so an article is never mistaken for the desk's own notes. */
export const RECALL_KINDS: MemoryKind[] = ['session_summary', 'briefing', 'note'];
const HIT_TOKENS = 220;

export async function searchMemory(
  memory: MemoryStore,
  args: ToolArgs<'search_memory'>,
): Promise<ToolOutcome> {
  const hits = await memory.search(args.query, { k: args.k, filter: { kinds: RECALL_KINDS } });
  return toolResult(
    {
      untrusted_data: true,
      results: hits.map((hit) => ({
        id: hit.record.id,
        kind: hit.record.kind,
        date: hit.record.date,
        tickers: hit.record.tickers,
        score: Math.round(hit.score * 100) / 100,
        content: truncateToTokens(hit.record.content, HIT_TOKENS),
      })),
    },
    hits.map((hit): Citation => ({ kind: 'memory', id: hit.record.id, date: hit.record.date })),
  );
}

export async function searchNews(memory: MemoryStore, args: ToolArgs<'search_news'>): Promise<ToolOutcome> {
  const hits = await memory.search(args.query, { k: args.k, filter: { kinds: ['news'] } });
  return toolResult(
    {
      untrusted_data: true,
      results: hits.map((hit) => ({
        id: hit.record.id,
        date: hit.record.date,
        title: newsTitle(hit),
        url: newsUrl(hit),
        tickers: hit.record.tickers,
        content: truncateToTokens(hit.record.content, HIT_TOKENS),
      })),
    },
    hits.map(newsCitation),
  );
}

/** News memories carry the article URL in `source` and start with the headline. */
function newsUrl(hit: MemoryHit): string | null {
  const source = hit.record.source ?? '';
  return /^https?:\/\//i.test(source) ? source : null;
}

function newsTitle(hit: MemoryHit): string {
  return (hit.record.content.split('\n')[0] ?? '').trim().slice(0, 200);
}

function newsCitation(hit: MemoryHit): Citation {
  const url = newsUrl(hit);
  return url
    ? { kind: 'news', url, title: newsTitle(hit) }
    : { kind: 'memory', id: hit.record.id, date: hit.record.date };
}

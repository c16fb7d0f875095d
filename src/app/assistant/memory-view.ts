/** /memory show and /memory forget for the channels. */
import type { Clock } from '../../domain/clock';
import { addDays, kstDate } from '../../domain/market';
import type { MemoryHit, MemoryStore } from '../../domain/ports/memory';
import type { MemoryItem } from '../desk-api';

const RECENT_DAYS = 30;
const MOST_SHOWN = 50;
/** The store ranks by meaning only; "recent" reads a wider window of candidates and sorts it by date. */
const RECENT_CANDIDATES = 200;

export async function showMemories(
  memory: MemoryStore,
  clock: Clock,
  query: string | null,
  limit: number,
): Promise<MemoryItem[]> {
  const k = Math.min(Math.max(Math.trunc(limit), 1), MOST_SHOWN);
  const text = query?.trim() ?? '';
  if (text !== '') return (await memory.search(text.slice(0, 500), { k })).map(toItem);
  const since = addDays(kstDate(clock.now()), -RECENT_DAYS);
  const hits = await memory.search('요약 브리핑 뉴스 메모 summary briefing news note', {
    k: RECENT_CANDIDATES,
    filter: { fromDate: since },
  });
  return hits
    .sort((a, b) => b.record.createdAt.getTime() - a.record.createdAt.getTime())
    .slice(0, k)
    .map((hit) => ({
      id: hit.record.id,
      kind: hit.record.kind,
      date: hit.record.date,
      content: hit.record.content,
    }));
}

export async function forgetMemory(memory: MemoryStore, id: string): Promise<boolean> {
  const trimmed = id.trim();
  if (trimmed === '' || trimmed.length > 256) return false;
  return (await memory.delete([trimmed])) > 0;
}

function toItem(hit: MemoryHit): MemoryItem {
  return {
    id: hit.record.id,
    kind: hit.record.kind,
    date: hit.record.date,
    content: hit.record.content,
    score: Math.round(hit.score * 1000) / 1000,
  };
}

/**
 * Step 1: crawl the configured feeds, keep new items (the URL's unique index dedupes), copy every item not yet
 * in memory into it (kind 'news'), and pick the highlights for the briefing. News is untrusted text: it is
 * stored and shown as data, never acted on. A feed or memory failure is recorded, never fatal: news must not
 * keep the desk from trading.
 */
import { addDays, kstDate, kstInstant } from '../../../domain/market';
import type { NewMemory } from '../../../domain/ports/memory';
import type { NewsItemRecord } from '../../ports/cycle-store';
import type { CycleStep, StepContext } from '../context';
import type { NewsOutput } from '../outputs';
import type { NewsSource } from '../ports';

const MEMORY_BATCH = 100;
const HIGHLIGHTS = 5;

export const newsStep: CycleStep<'news'> = {
  name: 'news',
  async run(ctx: StepContext): Promise<NewsOutput> {
    const { deps, tradeDate } = ctx;
    const feeds = deps.settings.newsFeeds;
    let fetched = 0;
    let inserted = 0;
    const feedErrors: NewsOutput['feedErrors'] = [];
    const crawl = deps.news && feeds.length > 0 ? await crawlFeeds(ctx, deps.news, feeds) : null;
    if (crawl) {
      fetched = crawl.items.length;
      for (const { url, error } of crawl.errors) feedErrors.push({ feed: feedLabel(url), kind: error.kind });
      const saved = await deps.store.saveNewsItems(crawl.items);
      inserted = saved.length;
    }
    const { memories, memoryError } = await copyIntoMemory(ctx);
    const since = kstInstant(addDays(tradeDate, -1), 0, 0);
    const recent = await deps.store.recentNews(since, HIGHLIGHTS);
    return {
      fetched,
      inserted,
      memories,
      feedErrors,
      memoryError,
      highlights: recent.map((item) => ({
        title: item.title,
        url: item.url,
        source: item.source,
        publishedAt: item.publishedAt?.toISOString() ?? null,
      })),
    };
  },
};

async function crawlFeeds(
  ctx: StepContext,
  news: NewsSource,
  feeds: readonly string[],
): Promise<Awaited<ReturnType<NewsSource['crawl']>>> {
  try {
    return await news.crawl(feeds);
  } catch (error) {
    if (!ctx.lastAttempt) throw error;
    ctx.deps.onError?.('news crawl', error);
    return { items: [], errors: [{ url: '*', error: { kind: 'CRAWL_FAILED' } }] };
  }
}

/** Items whose memory copy is missing (new ones, or left over by a crash or a memory outage). */
async function copyIntoMemory(ctx: StepContext): Promise<{ memories: number; memoryError: string | null }> {
  const { deps } = ctx;
  if (!deps.memory) return { memories: 0, memoryError: null };
  let copied = 0;
  try {
    for (;;) {
      const pending = await deps.store.listNewsWithoutMemory(MEMORY_BATCH);
      if (pending.length === 0) break;
      await deps.memory.upsert(pending.map(newsMemory));
      await deps.store.setNewsMemoryIds(
        pending.map((item) => ({ id: item.id, memoryId: newsMemoryId(item) })),
      );
      copied += pending.length;
      if (pending.length < MEMORY_BATCH) break;
    }
    return { memories: copied, memoryError: null };
  } catch (error) {
    if (!ctx.lastAttempt) throw error;
    deps.onError?.('news memory', error);
    return { memories: copied, memoryError: error instanceof Error ? error.name : 'error' };
  }
}

export function newsMemoryId(item: Pick<NewsItemRecord, 'id'>): string {
  return `news:${item.id}`;
}

function newsMemory(item: NewsItemRecord): NewMemory {
  return {
    id: newsMemoryId(item),
    kind: 'news',
    content: [item.title, item.summary, item.url].filter((part) => part.trim() !== '').join('\n'),
    date: kstDate(item.publishedAt ?? item.fetchedAt),
    tickers: item.tickers.slice(0, 100),
    threadId: null,
    source: item.url.slice(0, 2_000),
  };
}

/** The feed's origin and path only: a query string may carry an access key. */
function feedLabel(url: string): string {
  if (url === '*') return '(every feed)';
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

import { z } from 'zod';
import type { Clock } from '../../domain/clock';
import { canonicalUrl, dedupeKey } from './canonical-url';
import { FeedError, describeFeedUrl } from './errors';
import { fetchFeedText } from './fetch-feed';
import { htmlToText } from './html-text';
import { parseFeed, type ParsedFeed } from './parse-feed';
import { extractiveSummary } from './summarize';
import { createTickerExtractor, type UniverseEntry } from './tickers';
import type { CrawlResult, NewsCrawler, NewsItem } from './types';

const optionsSchema = z.object({
  timeoutMs: z.number().int().positive().max(120_000),
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(50 * 1024 * 1024),
  summaryMaxChars: z.number().int().min(40).max(4_000).default(280),
  maxItemsPerFeed: z.number().int().positive().max(1_000).default(100),
  concurrency: z.number().int().positive().max(16).default(4),
  universe: z.array(z.object({ ticker: z.string().min(1), name: z.string() })).default([]),
});

export type NewsCrawlerOptions = z.input<typeof optionsSchema> & {
  fetch?: typeof fetch;
  clock: Clock;
  universe?: readonly UniverseEntry[];
};

const MAX_TITLE_CHARS = 300;
const MAX_SOURCE_CHARS = 100;
/** Dates further ahead than this are a feed's mistake, not news from the future. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/**
 * Reads RSS/Atom feeds into deduplicated news items. One bad feed becomes an entry in `errors` and never fails
 * the others. Feed text is only ever parsed as data: nothing in it is followed, fetched or executed.
 */
export function createNewsCrawler(options: NewsCrawlerOptions): NewsCrawler {
  const settings = optionsSchema.parse({
    ...options,
    universe: options.universe ? [...options.universe] : undefined,
  });
  const doFetch = options.fetch ?? globalThis.fetch;
  const { clock } = options;
  const tickersIn = createTickerExtractor(settings.universe);

  async function readFeed(url: string): Promise<ParsedFeed> {
    const text = await fetchFeedText(url, {
      fetch: doFetch,
      timeoutMs: settings.timeoutMs,
      maxBytes: settings.maxBytes,
    });
    return parseFeed(text, url);
  }

  function itemsOf(feed: ParsedFeed, feedUrl: string, fetchedAt: Date): NewsItem[] {
    const source = (feed.title || hostOf(feedUrl)).slice(0, MAX_SOURCE_CHARS);
    const items: NewsItem[] = [];
    for (const entry of feed.entries.slice(0, settings.maxItemsPerFeed)) {
      const url = canonicalUrl(entry.link, feed.base);
      if (url === null) continue;
      const title = entry.title.slice(0, MAX_TITLE_CHARS);
      const summary = extractiveSummary(entry.body, settings.summaryMaxChars);
      const future =
        entry.publishedAt !== null && entry.publishedAt.getTime() - fetchedAt.getTime() > MAX_FUTURE_MS;
      items.push({
        url,
        title,
        publishedAt: future ? null : entry.publishedAt,
        summary,
        tickers: tickersIn(`${title} ${htmlToText(entry.body)}`),
        source,
        feedUrl,
        fetchedAt,
      });
    }
    return items;
  }

  return {
    async crawl(feedUrls: readonly string[]): Promise<CrawlResult> {
      const outcomes = await mapWithConcurrency(feedUrls, settings.concurrency, async (url) => {
        try {
          return { ok: true as const, url, feed: await readFeed(url), fetchedAt: clock.now() };
        } catch (error) {
          return { ok: false as const, url, error: asFeedError(error, url) };
        }
      });
      const seen = new Set<string>();
      const items: NewsItem[] = [];
      const errors: CrawlResult['errors'] = [];
      for (const outcome of outcomes) {
        if (!outcome.ok) {
          errors.push({ url: outcome.url, error: outcome.error });
          continue;
        }
        for (const item of itemsOf(outcome.feed, outcome.url, outcome.fetchedAt)) {
          const key = dedupeKey(item.url);
          if (seen.has(key)) continue;
          seen.add(key);
          items.push(item);
        }
      }
      return { items: newestFirst(items), errors };
    },
  };
}

function asFeedError(error: unknown, url: string): FeedError {
  if (error instanceof FeedError) return error;
  return new FeedError(
    'NOT_A_FEED',
    describeFeedUrl(url),
    error instanceof Error ? error.name : 'unreadable feed',
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function newestFirst(items: NewsItem[]): NewsItem[] {
  const time = (item: NewsItem): number => item.publishedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => time(b.item) - time(a.item) || a.index - b.index)
    .map(({ item }) => item);
}

async function mapWithConcurrency<T, R>(
  inputs: readonly T[],
  limit: number,
  task: (input: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next;
      next += 1;
      results[index] = await task(inputs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

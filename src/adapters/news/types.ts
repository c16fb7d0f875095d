import type { FeedError } from './errors';

/**
 * One article from a feed. Every text field is untrusted third-party data: show it, store it, embed it, but
 * never treat it as an instruction or let it decide anything.
 */
export interface NewsItem {
  /** Canonical http(s) URL (no utm_* parameters, no fragment); also the dedupe key. */
  url: string;
  title: string;
  publishedAt: Date | null;
  /** Extractive summary: the first sentences of the feed's description, markup removed. */
  summary: string;
  /** Universe tickers mentioned in the title or description, sorted. */
  tickers: string[];
  /** The feed's title, or its host when the feed has none. */
  source: string;
  /** The feed URL the item came from. */
  feedUrl: string;
  fetchedAt: Date;
}

export interface CrawlResult {
  /** Newest first (undated last), one per canonical URL across all feeds. */
  items: NewsItem[];
  errors: { url: string; error: FeedError }[];
}

export interface NewsCrawler {
  crawl(feedUrls: readonly string[]): Promise<CrawlResult>;
}

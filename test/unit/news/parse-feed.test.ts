import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../src/adapters/news/errors';
import { parseFeed } from '../../../src/adapters/news/parse-feed';

const FEED_URL = 'https://feeds.example.kr/economy.xml';

describe('feed parsing', () => {
  it('when the body is JSON then it is NOT_A_FEED', () => {
    expect(() => parseFeed('{"error":"rate limited"}', FEED_URL)).toThrow(expect.objectContaining({ kind: 'NOT_A_FEED' }));
  });

  it('when the root is an unknown element then it is NOT_A_FEED naming it', () => {
    const error = (() => {
      try {
        parseFeed('<?xml version="1.0"?><error><code>500</code></error>', FEED_URL);
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).message).toContain('<error>');
  });

  it('when the feed is RSS 1.0 (RDF) then items, links and dc:date are read', () => {
    const rdf = `<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://x.example/"><title>RDF 피드</title></channel>
        <item rdf:about="https://x.example/a/1"><title>첫 기사</title><link>https://x.example/a/1</link><dc:date>2026-03-10T09:00:00+09:00</dc:date><description>본문.</description></item>
      </rdf:RDF>`;

    const feed = parseFeed(rdf, FEED_URL);

    expect(feed).toMatchObject({ format: 'rdf', title: 'RDF 피드' });
    expect(feed.entries).toEqual([
      { title: '첫 기사', link: 'https://x.example/a/1', publishedAt: new Date('2026-03-10T00:00:00Z'), body: '본문.' },
    ]);
  });

  it('when an RSS item has only a permalink guid then the guid is its link', () => {
    const rss = '<rss><channel><title>t</title><item><title>a</title><guid>https://x.example/g/9</guid></item></channel></rss>';

    expect(parseFeed(rss, FEED_URL).entries[0]?.link).toBe('https://x.example/g/9');
  });
});

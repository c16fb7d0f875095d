import { describe, expect, it } from 'vitest';
import { canonicalUrl, dedupeKey } from '../../../src/adapters/news/canonical-url';
import { parseFeedDate } from '../../../src/adapters/news/dates';
import { htmlToText } from '../../../src/adapters/news/html-text';
import { extractiveSummary } from '../../../src/adapters/news/summarize';
import { createTickerExtractor } from '../../../src/adapters/news/tickers';

describe('canonical urls', () => {
  it('when a link carries utm parameters, click ids and a fragment then they are removed and the rest sorted', () => {
    expect(canonicalUrl('https://News.Example.com:443/a/b?utm_source=rss&z=1&fbclid=x&a=2#top')).toBe('https://news.example.com/a/b?a=2&z=1');
  });

  it('when a link is relative then it resolves against the base', () => {
    expect(canonicalUrl('../view?id=7', 'https://example.com/rss/feed.xml')).toBe('https://example.com/view?id=7');
  });

  it('when a link is not a web link then it is rejected', () => {
    expect(['javascript:alert(1)', 'data:text/html,x', 'mailto:a@b.c', ''].map((u) => canonicalUrl(u))).toEqual([null, null, null, null]);
  });

  it('when a link has credentials then they are dropped', () => {
    expect(canonicalUrl('https://user:pw@example.com/x')).toBe('https://example.com/x');
  });

  it('when the same article is linked over http and https then the dedupe keys match', () => {
    expect(dedupeKey(canonicalUrl('http://example.com/a?utm_medium=x')!)).toBe(dedupeKey(canonicalUrl('https://example.com/a')!));
  });
});

describe('ticker extraction', () => {
  const tickersIn = createTickerExtractor([
    { ticker: '069500', name: 'KODEX 200' },
    { ticker: '278530', name: 'KODEX 200TR' },
    { ticker: '360750', name: 'TIGER 미국S&P500' },
  ]);

  it('when a universe code is written then it is found, and codes outside the universe or inside numbers are not', () => {
    expect(tickersIn('069500 상승, 005930 하락, 1,069,500원, 20690500')).toEqual(['069500']);
  });

  it('when a name is followed by a Korean particle then it still counts', () => {
    expect(tickersIn('KODEX 200이 올랐다')).toEqual(['069500']);
  });

  it('when a longer name contains a shorter one then only the longer matches', () => {
    expect(tickersIn('kodex 200TR 순자산 증가')).toEqual(['278530']);
  });

  it('when a name is written without its space then it matches', () => {
    expect(tickersIn('TIGER미국S&P500 매수세')).toEqual(['360750']);
  });
});

describe('extractive summary', () => {
  it('when the text is longer than the limit then whole leading sentences are kept', () => {
    const html = '<p>첫 문장이다. 둘째 문장은 3.5% 올랐다.</p><p>셋째 문장은 잘린다.</p>';

    expect(extractiveSummary(html, 30)).toBe('첫 문장이다. 둘째 문장은 3.5% 올랐다.');
  });

  it('when the first sentence alone is too long then it is cut with an ellipsis', () => {
    const summary = extractiveSummary('word '.repeat(100), 50);

    expect(summary.length).toBeLessThanOrEqual(50);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('when the markup hides scripts, styles and comments then none of it reaches the text', () => {
    const html = 'A<script>alert("x")</script><style>p{}</style><!-- hidden --> B<br/>C &lt;i&gt;';

    expect(htmlToText(html)).toBe('A B C <i>');
  });

  it('when text contains bidi overrides and control characters then they are removed', () => {
    expect(htmlToText('safe\u202Etxt.exe\u0007')).toBe('safetxt.exe');
  });
});

describe('feed dates', () => {
  it('when dates come in the formats feeds use then each is read, KST where no zone is given', () => {
    expect(
      [
        'Tue, 10 Mar 2026 10:15:00 +0900',
        'Tue, 10 Mar 2026 13:00:00 KST',
        '2026-03-10T11:00:00+09:00',
        '2026-03-10 08:05:00',
        '2026.03.10 08:05',
      ].map((d) => parseFeedDate(d)?.toISOString()),
    ).toEqual([
      '2026-03-10T01:15:00.000Z',
      '2026-03-10T04:00:00.000Z',
      '2026-03-10T02:00:00.000Z',
      '2026-03-09T23:05:00.000Z',
      '2026-03-09T23:05:00.000Z',
    ]);
  });

  it('when a date cannot be read then it is null', () => {
    expect(['', 'yesterday', '2026-13-45 99:99'].map(parseFeedDate)).toEqual([null, null, null]);
  });
});

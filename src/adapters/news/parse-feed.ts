import { parseFeedDate } from './dates';
import { FeedError, describeFeedUrl } from './errors';
import { cleanText, htmlToText } from './html-text';
import { childElements, descendants, firstChild, parseXmlTolerant, textOf, type XmlElement } from './xml';

export type FeedFormat = 'rss' | 'atom' | 'rdf';

/** One entry as written in the feed, text already freed of markup; links not yet resolved. */
export interface FeedEntry {
  title: string;
  link: string;
  publishedAt: Date | null;
  /** The description / summary / content as HTML, to be reduced to text by the summariser. */
  body: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  /** The base for relative links: xml:base of the feed, else the feed's URL. */
  base: string;
  entries: FeedEntry[];
}

/**
 * Reads RSS 2.0, RSS 1.0 (RDF) and Atom. An HTML page (a login wall, an error page) or anything without a feed
 * root is a NOT_A_FEED error rather than zero items, so a broken source is noticed.
 */
export function parseFeed(text: string, feedUrl: string): ParsedFeed {
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (!start.startsWith('<'))
    throw new FeedError('NOT_A_FEED', describeFeedUrl(feedUrl), 'the body is not XML');
  const document = parseXmlTolerant(start);
  const root = childElements(document)[0];
  if (root === undefined) throw new FeedError('NOT_A_FEED', describeFeedUrl(feedUrl), 'no root element');
  switch (root.name) {
    case 'rss':
      return parseRss(root, feedUrl, 'rss');
    case 'rdf':
      return parseRss(root, feedUrl, 'rdf');
    case 'feed':
      return parseAtom(root, feedUrl);
    default:
      throw new FeedError(
        'NOT_A_FEED',
        describeFeedUrl(feedUrl),
        root.name === 'html'
          ? 'an HTML page, not a feed'
          : `unexpected root element <${root.qualifiedName.slice(0, 40)}>`,
      );
  }
}

function parseRss(root: XmlElement, feedUrl: string, format: FeedFormat): ParsedFeed {
  const channel = firstChild(root, 'channel') ?? root;
  const entries = descendants(root, 'item').map((item): FeedEntry => ({
    title: htmlToText(textOf(firstChild(item, 'title'))),
    link: rssLink(item),
    publishedAt: parseFeedDate(
      textOf(firstChild(item, 'pubdate', 'dc:date', 'date', 'published', 'updated')),
    ),
    body: firstText(
      firstChild(item, 'description'),
      firstChild(item, 'content:encoded', 'encoded', 'summary'),
    ),
  }));
  return { format, title: htmlToText(textOf(firstChild(channel, 'title'))), base: feedUrl, entries };
}

function rssLink(item: XmlElement): string {
  const link = cleanText(textOf(firstChild(item, 'link')));
  if (link !== '') return link;
  const atomLink = childElements(item, 'link').find((l) => l.attributes.href);
  if (atomLink?.attributes.href) return atomLink.attributes.href;
  const guid = firstChild(item, 'guid');
  if (guid && guid.attributes.ispermalink !== 'false') return cleanText(textOf(guid));
  return item.attributes['rdf:about'] ?? '';
}

function parseAtom(root: XmlElement, feedUrl: string): ParsedFeed {
  const base = resolveBase(root.attributes['xml:base'], feedUrl);
  const entries = childElements(root, 'entry').map((entry): FeedEntry => {
    const entryBase = resolveBase(entry.attributes['xml:base'], base);
    return {
      title: atomText(firstChild(entry, 'title')),
      link: atomLink(entry, entryBase),
      publishedAt: parseFeedDate(textOf(firstChild(entry, 'published', 'updated', 'issued', 'modified'))),
      body: firstText(firstChild(entry, 'summary'), firstChild(entry, 'content')),
    };
  });
  return { format: 'atom', title: atomText(firstChild(root, 'title')), base, entries };
}

/** Atom text constructs may be type="html" (escaped markup) or xhtml; either way people see text. */
function atomText(element: XmlElement | undefined): string {
  return htmlToText(textOf(element));
}

function atomLink(entry: XmlElement, base: string): string {
  const links = childElements(entry, 'link');
  const alternate =
    links.find((l) => (l.attributes.rel ?? 'alternate') === 'alternate' && l.attributes.href) ??
    links.find((l) => l.attributes.href);
  const href = alternate?.attributes.href ?? cleanText(textOf(firstChild(entry, 'id')));
  try {
    return new URL(href, base).toString();
  } catch {
    return href;
  }
}

function resolveBase(xmlBase: string | undefined, parent: string): string {
  if (xmlBase === undefined) return parent;
  try {
    return new URL(xmlBase, parent).toString();
  } catch {
    return parent;
  }
}

function firstText(...elements: (XmlElement | undefined)[]): string {
  for (const element of elements) {
    const text = textOf(element);
    if (text.trim() !== '') return text;
  }
  return '';
}

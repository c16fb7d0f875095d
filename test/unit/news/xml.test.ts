import { describe, expect, it } from 'vitest';
import { childElements, descendants, firstChild, parseXmlTolerant, textOf } from '../../../src/adapters/news/xml';

describe('tolerant xml reader', () => {
  it('when text mixes CDATA, entities and numeric references then each is decoded once', () => {
    const doc = parseXmlTolerant('<t>A &amp; B <![CDATA[<b>&amp;</b>]]> &#44608;&#x1F600; &bogus;</t>');

    expect(textOf(firstChild(doc, 't'))).toBe('A & B <b>&amp;</b> 김😀 &bogus;');
  });

  it('when tags are left open then the closing tag of an ancestor closes them', () => {
    const doc = parseXmlTolerant('<rss><channel><item><title>one<br></title><link>x</item><item><title>two</title></item></channel></rss>');

    expect(descendants(doc, 'item').map((i) => textOf(firstChild(i, 'title')).trim())).toEqual(['one', 'two']);
  });

  it('when a DOCTYPE declares an entity then it is not expanded', () => {
    const doc = parseXmlTolerant('<!DOCTYPE r [<!ENTITY boom "BOOM BOOM">]><r>&boom;</r>');

    expect(textOf(firstChild(doc, 'r'))).toBe('&boom;');
  });

  it('when attributes use either quote and prefixes then names are lower-cased local names', () => {
    const doc = parseXmlTolerant(`<Feed><atom:Link REL='alternate' href="https://a.example/?x=1&amp;y=2" /></Feed>`);
    const link = childElements(firstChild(doc, 'feed')!)[0]!;

    expect(link).toMatchObject({ name: 'link', qualifiedName: 'atom:link', attributes: { rel: 'alternate', href: 'https://a.example/?x=1&y=2' } });
  });

  it('when an attribute is named __proto__ then it is ignored', () => {
    const doc = parseXmlTolerant('<a __proto__="x" ok="1"/>');
    const a = firstChild(doc, 'a')!;

    expect(Object.getPrototypeOf(a.attributes)).toBe(Object.prototype);
    expect(a.attributes).toEqual({ ok: '1' });
  });

  it('when nesting is deeper than the limit then parsing stops growing the tree instead of failing', () => {
    const deep = '<a>'.repeat(10_000) + 'x';

    const doc = parseXmlTolerant(deep, { maxDepth: 64, maxElements: 100_000 });

    expect(descendants(doc, 'a').length).toBeGreaterThan(0);
    expect(textOf(doc)).toBe('x');
  });

  it('when a stray < is not a tag then it is kept as text', () => {
    const doc = parseXmlTolerant('<t>1 < 2</t>');

    expect(textOf(firstChild(doc, 't'))).toBe('1 < 2');
  });
});

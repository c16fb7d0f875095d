import { describe, expect, it } from 'vitest';
import { pointIdFor, uuidV5 } from '../../../src/adapters/memory/point-id';
import { toQdrantFilter } from '../../../src/adapters/memory/qdrant';

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('Qdrant point ids', () => {
  it('when the RFC 4122 example name is hashed then the published version-5 UUID comes out', () => {
    // Act
    const id = uuidV5('www.example.com', DNS_NAMESPACE);

    // Assert
    expect(id).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('when a memory id is mapped twice then it gives the same UUID, and another id gives another', () => {
    // Act
    const first = pointIdFor('briefing:2025-03-03');
    const again = pointIdFor('briefing:2025-03-03');
    const other = pointIdFor('briefing:2025-03-04');

    // Assert
    expect(first).toBe(again);
    expect(first).not.toBe(other);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('Qdrant filter', () => {
  it('when every condition is given then each becomes a must clause next to the embedder', () => {
    // Act
    const filter = toQdrantFilter('local-hashed-ngram-v1', {
      kinds: ['briefing', 'news'],
      tickers: ['069500'],
      fromDate: '2025-03-01',
      toDate: '2025-03-31',
      threadId: 'thread-1',
    });

    // Assert
    expect(filter).toEqual({
      must: [
        { key: 'embedder', match: { value: 'local-hashed-ngram-v1' } },
        { key: 'kind', match: { any: ['briefing', 'news'] } },
        { key: 'tickers', match: { any: ['069500'] } },
        { key: 'dateKey', range: { gte: 20250301, lte: 20250331 } },
        { key: 'thread', match: { value: 'thread-1' } },
      ],
    });
  });

  it('when a ticker or kind is repeated then the match list names it once (Qdrant requires unique items)', () => {
    // Act
    const filter = toQdrantFilter('e', { kinds: ['news', 'news'], tickers: ['069500', '091160', '069500'] });

    // Assert
    expect(filter.must).toContainEqual({ key: 'kind', match: { any: ['news'] } });
    expect(filter.must).toContainEqual({ key: 'tickers', match: { any: ['069500', '091160'] } });
  });

  it('when only an end date is given then the range has no lower bound', () => {
    // Act
    const filter = toQdrantFilter('e', { toDate: '2025-03-31' });

    // Assert
    expect(filter.must).toContainEqual({ key: 'dateKey', range: { lte: 20250331 } });
  });
});

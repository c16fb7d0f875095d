/**
 * The Qdrant fake itself: it refuses what Qdrant 1.15 refuses (schema and validation), answers in Qdrant's envelope
 * with Qdrant's status codes and texts, and computes what Qdrant computes (cosine, filters, ids).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import { createLocalEmbedder } from '../../../src/adapters/llm/local-embedder';
import { createQdrantMemoryStore } from '../../../src/adapters/memory/qdrant';
import { startFakeQdrant, type FakeQdrant } from '../../support/fake-qdrant';

interface Answer {
  status: number;
  body: { result?: unknown; status: string | { error: string }; time: number };
}

function client(fake: FakeQdrant) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text } as Answer;
  };
}

const errorOf = (answer: Answer) => (answer.body.status as { error: string }).error;

const UUID_A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const UUID_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('fake Qdrant', () => {
  let fake: FakeQdrant;
  let call: ReturnType<typeof client>;

  beforeAll(async () => {
    fake = await startFakeQdrant();
    call = client(fake);
  });

  afterAll(async () => {
    await fake.close();
  });

  beforeEach(async () => {
    await call('DELETE', '/collections/c');
    await call('PUT', '/collections/c', { vectors: { size: 2, distance: 'Cosine' } });
    fake.requests.length = 0;
  });

  describe('refuses what Qdrant refuses', () => {
    it.each([
      ['a point id that is neither an integer nor a UUID', { points: [{ id: 'memory-1', vector: [1, 0] }] }],
      ['a negative point id', { points: [{ id: -1, vector: [1, 0] }] }],
      ['a vector of strings', { points: [{ id: 1, vector: ['1', '0'] }] }],
      ['a payload that is not an object', { points: [{ id: 1, vector: [1, 0], payload: 'x' }] }],
      ['no points at all', {}],
    ])('when an upsert has %s then it is a 400 format error and nothing is stored', async (_, body) => {
      // Act
      const answer = await call('PUT', '/collections/c/points?wait=true', body);

      // Assert
      expect(answer.status).toBe(400);
      expect(errorOf(answer)).toMatch(/^Format error in JSON body: /);
      expect(fake.collections.get('c')!.points.size).toBe(0);
    });

    it('when a filter has a misspelt clause then it is refused, as Qdrant refuses unknown fields in Filter', async () => {
      // Act
      const answer = await call('POST', '/collections/c/points/count', { filter: { mustt: [] } });

      // Assert
      expect(answer.status).toBe(400);
      expect(errorOf(answer)).toContain('unknown field `mustt`');
    });

    it('when a field condition has no condition then it is a 422 validation error', async () => {
      // Act
      const answer = await call('POST', '/collections/c/points/query', {
        query: [1, 0],
        filter: { must: [{ key: 'kind' }] },
      });

      // Assert
      expect(answer.status).toBe(422);
      expect(errorOf(answer)).toContain('At least one field condition must be specified');
    });

    it('when a limit or a vector size is out of range then it is refused as Qdrant refuses it', async () => {
      // Act
      const limit = await call('POST', '/collections/c/points/query', { query: [1, 0], limit: 0 });
      const size = await call('PUT', '/collections/d', { vectors: { size: 0, distance: 'Cosine' } });
      const huge = await call('PUT', '/collections/d', { vectors: { size: 70_000, distance: 'Cosine' } });

      // Assert: size 0 does not even deserialise (NonZeroU64, 400); the others fail Qdrant's validator (422).
      expect([limit.status, size.status, huge.status]).toEqual([422, 400, 422]);
      expect(errorOf(limit)).toMatch(/^Validation error in JSON body: \[\/limit: must be >= 1\]/);
      expect(fake.collections.has('d')).toBe(false);
    });

    it('when a distance is spelt in lower case or a match list repeats a value then the schema refuses it', async () => {
      // Act
      const distance = await call('PUT', '/collections/d', { vectors: { size: 2, distance: 'cosine' } });
      const repeated = await call('POST', '/collections/c/points/count', {
        filter: { must: [{ key: 'tickers', match: { any: ['069500', '069500'] } }] },
      });

      // Assert
      expect(distance.status).toBe(400);
      expect(repeated.status).toBe(400);
      expect(errorOf(repeated)).toContain('must NOT have duplicate items');
    });

    it('when a body field is unknown then strict mode refuses it, and a lenient fake ignores it like Qdrant', async () => {
      // Arrange
      const lenient = await startFakeQdrant({ rejectUnknownFields: false });
      const body = { ids: [1], with_payloads: true };

      // Act
      await client(lenient)('PUT', '/collections/c', { vectors: { size: 2, distance: 'Cosine' } });
      const strictAnswer = await call('POST', '/collections/c/points', body);
      const lenientAnswer = await client(lenient)('POST', '/collections/c/points', body);
      await lenient.close();

      // Assert
      expect(strictAnswer.status).toBe(400);
      expect(errorOf(strictAnswer)).toContain('unknown field `with_payloads`');
      expect(errorOf(strictAnswer)).toContain('Qdrant 1.15 would ignore it');
      expect(lenientAnswer).toMatchObject({ status: 200, body: { result: [], status: 'ok' } });
    });

    it('when the body is not JSON or not declared as JSON then it is a 400', async () => {
      // Act
      const broken = await call('PUT', '/collections/c/points', '{"points": [');
      const empty = await call('PUT', '/collections/c/points', '');
      const text = await call('PUT', '/collections/c/points', '{"points": []}', {
        'content-type': 'text/plain',
      });

      // Assert
      expect([broken.status, empty.status, text.status]).toEqual([400, 400, 400]);
      expect(errorOf(empty)).toBe('Format error in JSON body: EOF while parsing a value at line 1 column 0');
      expect(errorOf(text)).toBe('Content type error');
    });

    it('when a query parameter has the wrong type or a new collection name a forbidden char then it is refused', async () => {
      // Act
      const wait = await call('PUT', '/collections/c/points?wait=yes', { points: [] });
      const name = await call('PUT', '/collections/a:b', { vectors: { size: 2, distance: 'Cosine' } });

      // Assert
      expect(wait.status).toBe(400);
      expect(errorOf(wait)).toMatch(/^Deserialize error in query parameters: /);
      expect(name.status).toBe(422);
      expect(errorOf(name)).toBe(
        'Validation error in path parameters: [name: collection name cannot contain ":" char]',
      );
    });
  });

  describe('answers like Qdrant', () => {
    it('when a collection is created then the envelope carries result, status ok and the time', async () => {
      // Act
      const created = await call('PUT', '/collections/e', { vectors: { size: 3, distance: 'Dot' } });
      const exists = await call('GET', '/collections/e/exists');

      // Assert
      expect(created.status).toBe(200);
      expect(created.body).toEqual({ result: true, status: 'ok', time: expect.any(Number) });
      expect(exists.body.result).toEqual({ exists: true });
    });

    it('when a collection is created twice then the second answer is 409 with Qdrant text', async () => {
      // Act
      const again = await call('PUT', '/collections/c', { vectors: { size: 2, distance: 'Cosine' } });

      // Assert
      expect(again.status).toBe(409);
      expect(again.body).toEqual({
        status: { error: 'Wrong input: Collection `c` already exists!' },
        time: expect.any(Number),
      });
    });

    it('when a collection does not exist then point operations answer 404 and deleting it answers false', async () => {
      // Act
      const upsert = await call('PUT', '/collections/nope/points', { points: [{ id: 1, vector: [1, 0] }] });
      const deleted = await call('DELETE', '/collections/nope');

      // Assert
      expect(upsert.status).toBe(404);
      expect(errorOf(upsert)).toBe("Not found: Collection `nope` doesn't exist!");
      expect(deleted.body.result).toBe(false);
    });

    it('when a vector has the wrong size then it is a 400 dimension error and nothing of the batch is stored', async () => {
      // Act
      const answer = await call('PUT', '/collections/c/points?wait=true', {
        points: [
          { id: 1, vector: [1, 0] },
          { id: 2, vector: [1, 0, 0] },
        ],
      });
      const query = await call('POST', '/collections/c/points/query', { query: [1] });

      // Assert
      expect(answer.status).toBe(400);
      expect(errorOf(answer)).toBe('Wrong input: Vector dimension error: expected dim: 2, got 3');
      expect(errorOf(query)).toBe('Wrong input: Vector dimension error: expected dim: 2, got 1');
      expect(fake.collections.get('c')!.points.size).toBe(0);
    });

    it('when vectors are upserted into a Cosine collection then they are stored normalised and scored by cosine', async () => {
      // Arrange
      await call('PUT', '/collections/c/points?wait=true', {
        points: [
          { id: 1, vector: [3, 4] },
          { id: 2, vector: [-4, 3] },
          { id: 3, vector: [10, 10] },
        ],
      });

      // Act
      const retrieved = await call('POST', '/collections/c/points', { ids: [1], with_vector: true });
      const hits = await call('POST', '/collections/c/points/query', { query: [6, 8], limit: 3 });

      // Assert
      const [point] = retrieved.body.result as { vector: number[] }[];
      expect(point!.vector[0]).toBeCloseTo(0.6, 6);
      expect(point!.vector[1]).toBeCloseTo(0.8, 6);
      const points = (hits.body.result as { points: { id: number; score: number; version: number }[] })
        .points;
      expect(points.map((p) => p.id)).toEqual([1, 3, 2]);
      expect(points[0]!.score).toBeCloseTo(1, 6);
      expect(points[1]!.score).toBeCloseTo(0.98995, 4);
      expect(points[2]!.score).toBeCloseTo(0, 6);
      expect(points[0]).not.toHaveProperty('payload');
    });

    it('when points are upserted, replaced and deleted by id then count, versions and ids follow', async () => {
      // Act
      const first = await call('PUT', '/collections/c/points?wait=true', {
        points: [
          { id: UUID_A.toUpperCase(), vector: [1, 0], payload: { n: 1 } },
          { id: 7, vector: [0, 1], payload: { n: 2 } },
        ],
      });
      await call('PUT', '/collections/c/points', {
        points: [{ id: UUID_A, vector: [1, 1], payload: { n: 3 } }],
      });
      const deleted = await call('POST', '/collections/c/points/delete?wait=true', { points: [7, UUID_B] });
      const count = await call('POST', '/collections/c/points/count', { exact: true });
      const records = await call('POST', '/collections/c/points', { ids: [7, UUID_A], with_payload: ['n'] });

      // Assert
      expect(first.body.result).toEqual({ operation_id: 1, status: 'completed' });
      expect(deleted.body.result).toEqual({ operation_id: 3, status: 'completed' });
      expect(count.body.result).toEqual({ count: 1 });
      expect(records.body.result).toEqual([{ id: UUID_A, payload: { n: 3 } }]);
    });

    it('when filtering then must, should and must_not combine match and range over arrays as Qdrant does', async () => {
      // Arrange
      await call('PUT', '/collections/c/points?wait=true', {
        points: [
          { id: 1, vector: [1, 0], payload: { kind: 'news', tickers: ['069500', '360750'], day: 20250303 } },
          { id: 2, vector: [1, 0], payload: { kind: 'note', tickers: [], day: 20250305 } },
          {
            id: 3,
            vector: [1, 0],
            payload: { kind: 'news', tickers: ['091160'], day: 20250310, thread: null },
          },
          { id: 4, vector: [1, 0], payload: { kind: 'briefing', day: 20250307 } },
        ],
      });
      const ids = async (filter: unknown) => {
        const answer = await call('POST', '/collections/c/points/query', { filter, limit: 10 });
        return (answer.body.result as { points: { id: number }[] }).points.map((p) => p.id);
      };

      // Act / Assert
      expect(await ids({ must: [{ key: 'tickers', match: { value: '360750' } }] })).toEqual([1]);
      expect(await ids({ must: [{ key: 'tickers', match: { any: ['091160', '360750'] } }] })).toEqual([1, 3]);
      expect(await ids({ must: [{ key: 'day', range: { gte: 20250305, lte: 20250307 } }] })).toEqual([2, 4]);
      expect(await ids({ must_not: [{ key: 'kind', match: { value: 'news' } }] })).toEqual([2, 4]);
      expect(
        await ids({
          should: [
            { key: 'kind', match: { value: 'briefing' } },
            { key: 'day', range: { lt: 20250304 } },
          ],
        }),
      ).toEqual([1, 4]);
      expect(await ids({ should: [] })).toEqual([]);
      expect(await ids({ must: [] })).toEqual([1, 2, 3, 4]);
      expect(await ids({ must: [{ key: 'thread', match: { value: 'x' } }] })).toEqual([]);
      expect(await ids({ must: [{ is_empty: { key: 'tickers' } }] })).toEqual([2, 4]);
      expect(await ids({ must: [{ is_null: { key: 'thread' } }] })).toEqual([3]);
      expect(
        await ids({ must: [{ has_id: [2, 3] }, { must_not: [{ key: 'kind', match: { value: 'note' } }] }] }),
      ).toEqual([3]);
    });

    it('when a request has no API key and the fake was given one then it answers 401 as Qdrant', async () => {
      // Arrange
      const guarded = await startFakeQdrant({ apiKey: 'secret' });
      const guardedCall = client(guarded);

      // Act
      const missing = await guardedCall('GET', '/collections/c/exists');
      const wrong = await guardedCall('GET', '/collections/c/exists', undefined, { 'api-key': 'nope' });
      const right = await guardedCall('GET', '/collections/c/exists', undefined, { 'api-key': 'secret' });
      const root = await guardedCall('GET', '/');
      await guarded.close();

      // Assert
      expect([missing.status, wrong.status, right.status, root.status]).toEqual([401, 401, 200, 200]);
      expect(missing.body).toBe('Must provide an API key or an Authorization bearer token');
      expect(root.body).toMatchObject({ title: 'qdrant - vector search engine', version: '1.15.0' });
    });
  });

  it('when the memory store runs against it then every call is a documented operation and none is refused', async () => {
    // Arrange
    const store = createQdrantMemoryStore({
      url: fake.url,
      collection: 'memories',
      embedder: createLocalEmbedder(),
      clock: new FakeClock('2025-03-03T00:00:00.000Z'),
    });

    // Act
    await store.upsert([
      {
        id: 'a',
        kind: 'news',
        content: '반도체 수출',
        date: '2025-03-03',
        tickers: ['091160'],
        threadId: null,
        source: null,
      },
    ]);
    await store.search('반도체', {
      k: 3,
      filter: { kinds: ['news'], tickers: ['091160'], fromDate: '2025-03-01' },
    });
    await store.get('a');
    await store.delete(['a']);
    await store.count();

    // Assert
    expect(fake.requests.filter((r) => r.status !== 200)).toEqual([]);
    expect([...new Set(fake.requests.map((r) => r.operationId))].sort()).toEqual([
      'collection_exists',
      'count_points',
      'create_collection',
      'create_field_index',
      'delete_points',
      'get_points',
      'query_points',
      'upsert_points',
    ]);
    expect(fake.collections.get('memories')?.payloadIndexes.get('dateKey')).toBe('integer');
  });
});

/**
 * One collection with a single unnamed dense vector, as Qdrant 1.15 answers the point operations kis-desk uses.
 * Bodies arrive already validated against the OpenAPI schemas; this checks what the schemas cannot (vector sizes,
 * vector names) and implements the semantics.
 */
import { qdrantErrors } from './errors';
import { matchesFilter } from './filter';
import {
  canonicalId,
  compareIds,
  idKey,
  largerIsBetter,
  preprocess,
  score,
  selectPayload,
  type Distance,
  type Payload,
  type PointId,
} from './points';

interface StoredPoint {
  id: PointId;
  vector: Float32Array;
  payload: Payload;
  /** Sequence number of the operation that last wrote the point. */
  version: number;
}

export interface UpdateResult {
  operation_id: number;
  status: 'acknowledged' | 'completed';
}

export interface OutputPoint {
  id: PointId;
  payload?: Payload;
  vector?: number[];
}

type Body = Record<string, unknown>;

export class FakeCollection {
  readonly points = new Map<string, StoredPoint>();
  /** field name → schema as given to PUT /index. */
  readonly payloadIndexes = new Map<string, unknown>();
  private operations = 0;

  constructor(
    readonly size: number | null,
    readonly distance: Distance,
  ) {}

  /** Qdrant's VectorParams from a create body: one unnamed vector, or none. Named vectors are not implemented. */
  static fromCreateBody(body: Body): FakeCollection {
    const vectors = body['vectors'] as Body | undefined;
    if (body['sparse_vectors'] != null) throw qdrantErrors.notImplemented('sparse vectors');
    if (vectors === undefined || (Object.keys(vectors).length === 0 && !('size' in vectors))) {
      return new FakeCollection(null, 'Cosine');
    }
    if (!('size' in vectors)) throw qdrantErrors.notImplemented('named vectors');
    const size = vectors['size'] as number;
    if (size > 65_536) {
      throw qdrantErrors.validation(
        'JSON body',
        `vectors.size: value ${size} invalid, must be from 1 to 65536`,
      );
    }
    if (vectors['multivector_config'] != null) throw qdrantErrors.notImplemented('multivectors');
    return new FakeCollection(size, vectors['distance'] as Distance);
  }

  createIndex(body: Body, wait: boolean): UpdateResult {
    this.payloadIndexes.set(String(body['field_name']), body['field_schema'] ?? null);
    return this.nextOperation(wait);
  }

  upsert(body: Body, wait: boolean): UpdateResult {
    if ('batch' in body) throw qdrantErrors.notImplemented('batch upserts');
    if (body['update_filter'] != null)
      throw qdrantErrors.notImplemented('conditional upserts (update_filter)');
    const incoming = (body['points'] as Body[]).map((point) => ({
      id: canonicalId(point['id'] as PointId),
      vector: preprocess(this.distance, this.denseVector(point['vector'])),
      payload: (point['payload'] as Payload | null | undefined) ?? {},
    }));
    const result = this.nextOperation(wait);
    for (const point of incoming) {
      this.points.set(idKey(point.id), { ...point, version: result.operation_id });
    }
    return result;
  }

  delete(body: Body, wait: boolean): UpdateResult {
    const ids = body['points'] as PointId[] | undefined;
    const selected = ids
      ? ids.map((id) => idKey(canonicalId(id)))
      : [...this.points.entries()]
          .filter(([, point]) => matchesFilter(body['filter'] as never, point))
          .map(([key]) => key);
    const result = this.nextOperation(wait);
    for (const key of selected) this.points.delete(key);
    return result;
  }

  /** Records in the order the ids were asked, each once; missing ids are left out. */
  retrieve(body: Body): OutputPoint[] {
    const keys = [...new Set((body['ids'] as PointId[]).map((id) => idKey(canonicalId(id))))];
    return keys
      .map((key) => this.points.get(key))
      .filter((point): point is StoredPoint => point !== undefined)
      .map((point) => this.output(point, body['with_payload'] ?? false, body['with_vector'] ?? false));
  }

  count(body: Body): { count: number } {
    const filter = body['filter'] as never;
    return { count: [...this.points.values()].filter((point) => matchesFilter(filter, point)).length };
  }

  query(body: Body): { points: (OutputPoint & { version: number; score: number })[] } {
    for (const unsupported of ['prefetch', 'lookup_from', 'shard_key']) {
      if (body[unsupported] != null) throw qdrantErrors.notImplemented(`${unsupported} in queries`);
    }
    if (body['using'] != null)
      throw qdrantErrors.badInput(`Not existing vector name error: ${String(body['using'])}`);
    const limit = (body['limit'] as number | null | undefined) ?? 10;
    const offset = (body['offset'] as number | null | undefined) ?? 0;
    const candidates = [...this.points.values()].filter((point) =>
      matchesFilter(body['filter'] as never, point),
    );
    const vector = queryVector(body['query']);
    let ranked: (StoredPoint & { score: number })[];
    if (vector === null) {
      // No query: points by id (Qdrant answers a score of 0 for each).
      ranked = candidates.sort((a, b) => compareIds(a.id, b.id)).map((point) => ({ ...point, score: 0 }));
    } else {
      const query = preprocess(this.distance, this.checkSize(vector));
      const better = largerIsBetter(this.distance);
      const threshold = body['score_threshold'] as number | null | undefined;
      ranked = candidates
        .map((point) => ({ ...point, score: score(this.distance, point.vector, query) }))
        .filter((point) => threshold == null || (better ? point.score > threshold : point.score < threshold))
        .sort((a, b) => (better ? b.score - a.score : a.score - b.score) || compareIds(a.id, b.id));
    }
    return {
      points: ranked.slice(offset, offset + limit).map((point) => ({
        ...this.output(point, body['with_payload'] ?? false, body['with_vector'] ?? false),
        version: point.version,
        score: point.score,
      })),
    };
  }

  private output(point: StoredPoint, withPayload: unknown, withVector: unknown): OutputPoint {
    const out: OutputPoint = { id: point.id };
    const payload = selectPayload(point.payload, withPayload);
    if (payload !== undefined) out.payload = payload;
    if (Array.isArray(withVector)) throw qdrantErrors.notImplemented('with_vector by vector names');
    if (withVector === true) out.vector = [...point.vector];
    return out;
  }

  private denseVector(vector: unknown): number[] {
    if (Array.isArray(vector) && vector.every((x) => typeof x === 'number')) return this.checkSize(vector);
    if (Array.isArray(vector)) throw qdrantErrors.notImplemented('multivectors');
    const names = Object.keys(vector as Body);
    if ('indices' in (vector as Body) || 'text' in (vector as Body) || 'image' in (vector as Body)) {
      throw qdrantErrors.notImplemented('sparse vectors and inference objects');
    }
    throw qdrantErrors.badInput(`Not existing vector name error: ${names[0] ?? ''}`);
  }

  private checkSize(vector: number[]): number[] {
    if (this.size === null) throw qdrantErrors.badInput('Not existing vector name error: ');
    if (vector.length !== this.size) {
      throw qdrantErrors.badInput(`Vector dimension error: expected dim: ${this.size}, got ${vector.length}`);
    }
    return vector;
  }

  private nextOperation(wait: boolean): UpdateResult {
    this.operations += 1;
    return { operation_id: this.operations, status: wait ? 'completed' : 'acknowledged' };
  }
}

/** The dense vector of a query: a bare vector or `{ nearest: vector }`; null for no query. */
function queryVector(query: unknown): number[] | null {
  if (query == null) return null;
  if (Array.isArray(query) && query.every((x) => typeof x === 'number')) return query;
  if (typeof query === 'object' && query !== null && 'nearest' in query) {
    const nearest = (query as { nearest: unknown }).nearest;
    if (Array.isArray(nearest) && nearest.every((x) => typeof x === 'number')) return nearest;
  }
  throw qdrantErrors.notImplemented(
    'queries other than a dense vector (ids, recommend, fusion, formulas, …)',
  );
}

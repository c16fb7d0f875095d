/** Point ids, vector preprocessing and scoring, and payload selection as Qdrant 1.15 does them. */
import { qdrantErrors } from './errors';

export type PointId = number | string;
export type Payload = Record<string, unknown>;
export type Distance = 'Cosine' | 'Dot' | 'Euclid' | 'Manhattan';

/**
 * A point id as Qdrant answers it: integers stay integers; a UUID in any form Rust's uuid crate parses
 * (hyphenated, simple, braced, urn) comes back lowercase and hyphenated. The schema has already checked the form.
 */
export function canonicalId(id: PointId): PointId {
  if (typeof id === 'number') return id;
  const hex = id
    .toLowerCase()
    .replace(/^urn:uuid:/, '')
    .replace(/[{}-]/g, '');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Map key of a canonical id (the integer 1 and a UUID never collide). */
export function idKey(id: PointId): string {
  return typeof id === 'number' ? `n:${id}` : `u:${id}`;
}

/** Qdrant's order of ids: integers first by value, then UUIDs by their 128-bit value. */
export function compareIds(a: PointId, b: PointId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const F32_EPSILON = 1.1920929e-7;

/**
 * Vectors are stored as f32. For Cosine Qdrant normalises on the way in (stored and query vectors alike), unless
 * the squared length is ~0 or already ~1, and then scores by dot product.
 */
export function preprocess(distance: Distance, vector: number[]): Float32Array {
  const stored = Float32Array.from(vector);
  if (distance !== 'Cosine') return stored;
  let squared = 0;
  for (const x of stored) squared = Math.fround(squared + Math.fround(x * x));
  if (squared < F32_EPSILON || Math.abs(squared - 1) <= 1e-6) return stored;
  const length = Math.fround(Math.sqrt(squared));
  return stored.map((x) => x / length);
}

/** Score as Qdrant reports it: similarity for Cosine/Dot (higher is better), distance for Euclid/Manhattan. */
export function score(distance: Distance, a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (distance === 'Euclid') sum += (x - y) * (x - y);
    else if (distance === 'Manhattan') sum += Math.abs(x - y);
    else sum += x * y;
  }
  return Math.fround(distance === 'Euclid' ? Math.sqrt(sum) : sum);
}

export function largerIsBetter(distance: Distance): boolean {
  return distance === 'Cosine' || distance === 'Dot';
}

/** `with_payload`: true / false / a list of keys / { include } / { exclude }. */
export function selectPayload(payload: Payload, selector: unknown): Payload | undefined {
  if (selector === undefined || selector === null || selector === false) return undefined;
  if (selector === true) return { ...payload };
  if (Array.isArray(selector)) return pick(payload, selector as string[]);
  const { include, exclude } = selector as { include?: string[]; exclude?: string[] };
  if (include) return pick(payload, include);
  if (exclude) return Object.fromEntries(Object.entries(payload).filter(([key]) => !exclude.includes(key)));
  return undefined;
}

function pick(payload: Payload, keys: string[]): Payload {
  if (keys.some((key) => key.includes('.') || key.includes('[')))
    throw qdrantErrors.notImplemented('nested payload paths in with_payload');
  return Object.fromEntries(keys.filter((key) => key in payload).map((key) => [key, payload[key]]));
}

/**
 * Payload filters as Qdrant 1.15 evaluates them (lib/segment payload_storage): must = all, should = at least one
 * (an empty list matches nothing), must_not = none, min_should = at least `min_count`. A field condition looks at
 * every value under its key (an array is checked element by element, any match counts); a missing key never
 * matches except `is_empty: true` / `is_null: false`. Match and range in one field condition are OR-ed, as there.
 * What kis-desk does not use (geo, values_count, datetime ranges, nested, full-text indexes) answers 501.
 */
import { qdrantErrors } from './errors';
import { canonicalId, idKey, type Payload, type PointId } from './points';

type Condition = Record<string, unknown>;
interface Filter {
  must?: Condition | Condition[] | null;
  should?: Condition | Condition[] | null;
  must_not?: Condition | Condition[] | null;
  min_should?: { conditions: Condition[]; min_count: number } | null;
}

export interface FilterTarget {
  id: PointId;
  payload: Payload;
}

const FIELD_CONDITIONS = ['match', 'range', 'geo_bounding_box', 'geo_radius', 'geo_polygon', 'values_count'];
const FIELD_FLAGS = ['is_empty', 'is_null'];

/** Qdrant's validator refuses a field condition without any condition (422) before anything runs. */
export function checkFilter(filter: unknown, at: string, problems: string[]): void {
  if (!filter || typeof filter !== 'object') return;
  const f = filter as Filter;
  for (const clause of ['must', 'should', 'must_not'] as const) {
    list(f[clause]).forEach((condition, i) => checkCondition(condition, `${at}.${clause}[${i}]`, problems));
  }
  f.min_should?.conditions.forEach((c, i) =>
    checkCondition(c, `${at}.min_should.conditions[${i}]`, problems),
  );
}

function checkCondition(condition: Condition, at: string, problems: string[]): void {
  if ('key' in condition) {
    const set = [...FIELD_CONDITIONS, ...FIELD_FLAGS].filter((name) => condition[name] != null);
    if (set.length === 0) problems.push(`${at}: At least one field condition must be specified`);
  } else if (!isSpecialCondition(condition)) {
    checkFilter(condition, at, problems);
  }
}

function isSpecialCondition(condition: Condition): boolean {
  return ['is_empty', 'is_null', 'has_id', 'has_vector', 'nested'].some((name) => name in condition);
}

export function matchesFilter(filter: Filter | null | undefined, point: FilterTarget): boolean {
  if (!filter) return true;
  const check = (condition: Condition) => matchesCondition(condition, point);
  const should = filter.should == null ? true : list(filter.should).some(check);
  const minShould =
    filter.min_should == null
      ? true
      : filter.min_should.conditions.filter(check).length >= filter.min_should.min_count;
  const must = filter.must == null ? true : list(filter.must).every(check);
  const mustNot = filter.must_not == null ? true : !list(filter.must_not).some(check);
  return should && minShould && must && mustNot;
}

function list(value: Condition | Condition[] | null | undefined): Condition[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

function matchesCondition(condition: Condition, point: FilterTarget): boolean {
  if ('key' in condition) return matchesField(condition, valuesAt(point.payload, String(condition['key'])));
  if ('is_empty' in condition) {
    return valuesAt(point.payload, keyOf(condition['is_empty'])).every(isEmptyValue);
  }
  if ('is_null' in condition) {
    return valuesAt(point.payload, keyOf(condition['is_null'])).some((value) => value === null);
  }
  if ('has_id' in condition) {
    const wanted = new Set((condition['has_id'] as PointId[]).map((id) => idKey(canonicalId(id))));
    return wanted.has(idKey(point.id));
  }
  if ('has_vector' in condition) throw qdrantErrors.notImplemented('has_vector conditions');
  if ('nested' in condition) throw qdrantErrors.notImplemented('nested conditions');
  return matchesFilter(condition as Filter, point);
}

function keyOf(field: unknown): string {
  return String((field as { key: string }).key);
}

function isEmptyValue(value: unknown): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

function matchesField(condition: Condition, values: unknown[]): boolean {
  for (const name of ['geo_bounding_box', 'geo_radius', 'geo_polygon', 'values_count']) {
    if (condition[name] != null) throw qdrantErrors.notImplemented(`${name} conditions`);
  }
  const isEmpty = condition['is_empty'] as boolean | null | undefined;
  const isNull = condition['is_null'] as boolean | null | undefined;
  if (values.length === 0) {
    if (isEmpty != null) return isEmpty;
    if (isNull != null) return !isNull;
    return false;
  }
  return values.some((value) => {
    if (isEmpty != null) return isEmptyFlag(isEmpty, value);
    if (isNull != null) return isNullFlag(isNull, value);
    const elements = Array.isArray(value) ? value : [value];
    return elements.some((element) => matchesOne(condition, element));
  });
}

function isEmptyFlag(isEmpty: boolean, value: unknown): boolean {
  if (value === null) return isEmpty;
  if (Array.isArray(value)) return (value.length === 0) === isEmpty;
  return !isEmpty;
}

function isNullFlag(isNull: boolean, value: unknown): boolean {
  if (value === null) return isNull;
  if (Array.isArray(value)) return value.some((v) => v === null) === isNull;
  return !isNull;
}

function matchesOne(condition: Condition, value: unknown): boolean {
  const match = condition['match'] as Record<string, unknown> | null | undefined;
  const range = condition['range'] as Record<string, unknown> | null | undefined;
  return (match != null && matchesMatch(match, value)) || (range != null && matchesRange(range, value));
}

function matchesMatch(match: Record<string, unknown>, value: unknown): boolean {
  if ('value' in match) {
    const wanted = match['value'];
    if (typeof wanted === 'number') return Number.isInteger(value) && value === wanted;
    return typeof value === typeof wanted && value === wanted;
  }
  if ('any' in match) return sameKindIn(match['any'] as unknown[], value) ?? false;
  if ('except' in match) {
    if (value === null) return false;
    const found = sameKindIn(match['except'] as unknown[], value);
    return found === null ? true : !found;
  }
  throw qdrantErrors.notImplemented('text and phrase matches');
}

/** Whether `value` is in `values` when both are strings or both integers; null when the kinds differ. */
function sameKindIn(values: unknown[], value: unknown): boolean | null {
  const strings = values.length === 0 || typeof values[0] === 'string';
  if (strings && typeof value === 'string') return values.includes(value);
  if (!strings && Number.isInteger(value)) return values.includes(value);
  if (typeof value === 'number' && !Number.isInteger(value)) return null;
  return null;
}

function matchesRange(range: Record<string, unknown>, value: unknown): boolean {
  const bounds = ['lt', 'gt', 'gte', 'lte'].map((name) => range[name]);
  if (bounds.some((bound) => typeof bound === 'string')) throw qdrantErrors.notImplemented('datetime ranges');
  if (typeof value !== 'number') return false;
  const [lt, gt, gte, lte] = bounds as (number | null | undefined)[];
  return (
    (lt == null || value < lt) &&
    (gt == null || value > gt) &&
    (gte == null || value >= gte) &&
    (lte == null || value <= lte)
  );
}

/**
 * Every value under a key: `a.b` walks objects, fanning out over arrays of objects on the way; `a[]` flattens.
 * A present key gives its value even when it is null or an array (the caller looks inside arrays).
 */
export function valuesAt(payload: Payload, key: string): unknown[] {
  if (key.includes('"') || /\[\d/.test(key)) throw qdrantErrors.notImplemented(`payload key syntax ${key}`);
  let current: unknown[] = [payload];
  for (const part of key.split('.')) {
    const flatten = part.endsWith('[]');
    const name = flatten ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const item of current.flatMap((v) => (Array.isArray(v) ? v : [v]))) {
      if (item && typeof item === 'object' && !Array.isArray(item) && name in item) {
        const value = (item as Record<string, unknown>)[name];
        if (flatten && Array.isArray(value)) next.push(...value);
        else next.push(value);
      }
    }
    current = next;
  }
  return current;
}

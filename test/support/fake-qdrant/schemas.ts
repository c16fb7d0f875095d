/**
 * Validators built from Qdrant's own OpenAPI document (the trimmed copy in openapi/, see SOURCE.md).
 *
 * The document is OpenAPI 3.0, so before Ajv compiles it two things are translated to JSON Schema:
 * `nullable: true` (alone it means "or null", with a `type` it adds "null" to that type), and Qdrant's number
 * formats (uint, uint32, uint64, int64, float, double), uuid and date-time become Ajv formats with the ranges
 * Rust's integer types enforce. In strict mode every object schema that lists its properties also gets
 * `additionalProperties: false`: Qdrant ignores unknown fields (except in `Filter`), so a misspelt field would
 * pass silently there; the fake refuses it and says that Qdrant would have ignored it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

const document = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'openapi', 'qdrant-v1.15.0.openapi.json'), 'utf8'),
) as { info: { version: string }; paths: unknown; components: { schemas: unknown } };

/** The Qdrant release the vendored document comes from (docker-compose.yml pins the same image). */
export const QDRANT_VERSION = document.info.version.replace(/^v/, '');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: JsonObject;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: JsonObject } } };
  responses: { '200'?: { content: { 'application/json': { schema: JsonObject } } } };
}

export interface OperationSchemas {
  operationId: string;
  method: string;
  /** The path template, e.g. /collections/{collection_name}/points. */
  route: string;
  /** Matches a request path; groups are the path parameters in order. */
  pattern: RegExp;
  pathParameters: string[];
  validateQuery: ValidateFunction;
  validateBody: ValidateFunction | null;
  validateResponse: ValidateFunction | null;
}

const UUID =
  /^(?:urn:uuid:)?(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|[0-9a-f]{32})$/i;
const U32_MAX = 4_294_967_295;
/** 2^64 − 1 and 2^63 − 1 as the nearest doubles (JSON numbers are doubles here). */
const U64_MAX = 2 ** 64;
const I64 = 2 ** 63;

/** Rust's bounds for the formats Qdrant's schema generator writes (serde refuses values outside them). */
const FORMATS: Record<string, (n: number) => boolean> = {
  uint: (n) => n >= 0 && n <= U64_MAX,
  uint64: (n) => n >= 0 && n <= U64_MAX,
  uint32: (n) => n >= 0 && n <= U32_MAX,
  int64: (n) => n >= -I64 && n <= I64,
  float: (n) => Number.isFinite(n),
  double: (n) => Number.isFinite(n),
};

/** Keywords whose failure Qdrant reports as a validation error (422) rather than a format error (400). */
const RANGE_KEYWORDS = new Set(['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems']);

function toJsonSchema(node: Json, strict: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, strict));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example') continue;
    // `properties` maps field names to schemas; `enum`/`default` are values, not schemas.
    if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v, strict)]));
    } else if (key === 'enum' || key === 'default') {
      out[key] = value;
    } else {
      out[key] = toJsonSchema(value, strict);
    }
  }
  if (node['nullable'] === true) {
    if (typeof out['type'] === 'string') {
      out['type'] = [out['type'], 'null'];
      if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
    } else if (out['type'] === undefined && out['$ref'] === undefined && out['anyOf'] === undefined) {
      out['type'] = 'null';
    }
  }
  if (strict && out['properties'] !== undefined && out['additionalProperties'] === undefined) {
    out['additionalProperties'] = false;
  }
  return out;
}

function routePattern(route: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = route
    .split('/')
    .map((segment) => {
      const name = /^\{(.+)\}$/.exec(segment)?.[1];
      if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

export function loadOperations(options: { strict: boolean }): OperationSchemas[] {
  // References point into one shared schema document (`qdrant#/definitions/<name>`).
  const local = (schema: Json) =>
    JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/schemas/', '"qdrant#/definitions/'),
    ) as JsonObject;
  const definitions = local(toJsonSchema(document.components.schemas as Json, options.strict));
  const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false });
  const queryAjv = new Ajv({ allErrors: true, strict: true, coerceTypes: true });
  for (const instance of [ajv, queryAjv]) {
    for (const [name, check] of Object.entries(FORMATS)) {
      instance.addFormat(name, { type: 'number', validate: check });
    }
    instance.addFormat('uuid', UUID);
    instance.addFormat('date-time', { type: 'string', validate: (s) => !Number.isNaN(Date.parse(s)) });
    instance.addSchema({ $id: 'qdrant', definitions });
  }

  const operations: OperationSchemas[] = [];
  const paths = document.paths as Record<string, Record<string, Operation>>;
  for (const [route, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const { pattern, names } = routePattern(route);
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
      const querySchema = {
        type: 'object',
        properties: Object.fromEntries(query.map((p) => [p.name, toJsonSchema(p.schema, false)])),
        required: query.filter((p) => p.required).map((p) => p.name),
        additionalProperties: !options.strict,
      };
      const body = operation.requestBody?.content['application/json'].schema;
      const response = operation.responses['200']?.content['application/json'].schema;
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        route,
        pattern,
        pathParameters: names,
        validateQuery: queryAjv.compile(local(querySchema as Json)),
        validateBody: body ? ajv.compile(local(toJsonSchema(body, options.strict))) : null,
        validateResponse: response ? ajv.compile(local(toJsonSchema(response, options.strict))) : null,
      });
    }
  }
  return operations;
}

export interface SchemaProblem {
  /** 422 when only ranges were violated (Qdrant's validator), 400 when the shape is wrong (serde). */
  status: 400 | 422;
  message: string;
}

/**
 * Ajv's errors in one line, the most specific (deepest) first: with `anyOf` every branch reports, and the deepest
 * error is usually the one that explains the failure.
 */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): SchemaProblem {
  const list = (errors ?? []).filter((e) => e.keyword !== 'anyOf');
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const lines = [...new Set([...list].sort((a, b) => depth(b) - depth(a)).map(describeError))].slice(0, 8);
  const onlyRanges = list.length > 0 && list.every((e) => RANGE_KEYWORDS.has(e.keyword));
  return { status: onlyRanges ? 422 : 400, message: lines.join('; ') };
}

/** The fields strict mode refused (Qdrant would have ignored them), e.g. "/: unknown field `with_payloads`". */
export function describeUnknownFields(errors: ErrorObject[] | null | undefined): string {
  const unknown = (errors ?? []).filter((e) => e.keyword === 'additionalProperties').map(describeError);
  return `${[...new Set(unknown)].join('; ')} (fake-qdrant strict mode: Qdrant 1.15 would ignore it silently)`;
}

function describeError(e: ErrorObject): string {
  const at = e.instancePath || '/';
  if (e.keyword === 'additionalProperties')
    return `${at}: unknown field \`${String(e.params['additionalProperty'])}\``;
  return `${at}: ${e.message ?? e.keyword}`;
}

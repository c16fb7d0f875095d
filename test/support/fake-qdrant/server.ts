/**
 * A Qdrant REST server on loopback for tests, built from Qdrant 1.15's OpenAPI document: every request's path,
 * query and JSON body is validated against the vendored schemas before anything runs, answers come in Qdrant's
 * envelope `{ result, status: "ok", time }` (errors `{ status: { error }, time }` with Qdrant's status codes and
 * texts) and are themselves checked against the documented response schemas. Every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ValidateFunction } from 'ajv';
import { FakeCollection } from './collection';
import { QdrantHttpError, qdrantErrors } from './errors';
import { checkFilter } from './filter';
import {
  describeSchemaErrors,
  describeUnknownFields,
  loadOperations,
  QDRANT_VERSION,
  type OperationSchemas,
} from './schemas';

export interface FakeQdrantOptions {
  /** When set, every request except `GET /` needs it in `api-key` (or `Authorization: Bearer`), as in Qdrant. */
  apiKey?: string;
  /** Refuse body fields and query parameters Qdrant would silently ignore (default true: strict). */
  rejectUnknownFields?: boolean;
}

export interface RecordedQdrantRequest {
  method: string;
  path: string;
  /** Qdrant's operation id (`upsert_points`, `query_points`, …); null when no route matched. */
  operationId: string | null;
  query: Record<string, string>;
  /** The parsed JSON body; the raw text when it was refused before parsing succeeded. */
  body: unknown;
  status: number;
  /** The `status.error` text of an error answer. */
  error?: string;
}

export interface FakeQdrant {
  url: string;
  apiKey: string | undefined;
  requests: RecordedQdrantRequest[];
  collections: ReadonlyMap<string, FakeCollection>;
  close(): Promise<void>;
}

/** Qdrant's default `service.max_request_size_mb` (32). */
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
const FORBIDDEN_IN_NEW_NAMES = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', '\0', '\u001f'];

/** Compiling takes a second or two, so each mode is compiled once per process (the lenient one on demand). */
const compiled = new Map<boolean, OperationSchemas[]>();

function operationsFor(strict: boolean): OperationSchemas[] {
  let operations = compiled.get(strict);
  if (!operations) {
    operations = loadOperations({ strict });
    compiled.set(strict, operations);
  }
  return operations;
}

/**
 * Why a value failed `pick(strict operation)`. Re-checked without strict mode first: when that passes, the only
 * problem is fields Qdrant would have ignored; otherwise the lenient errors are what Qdrant itself refuses.
 */
function schemaProblem(
  operation: OperationSchemas,
  pick: (o: OperationSchemas) => ValidateFunction | null,
  value: unknown,
  strict: boolean,
): { status: 400 | 422; message: string } {
  const strictCheck = pick(operation)!;
  if (strict) {
    const lenient = operationsFor(false).find((o) => o.operationId === operation.operationId);
    const lenientCheck = lenient ? pick(lenient) : null;
    if (lenientCheck && lenientCheck(structuredClone(value))) {
      return { status: 400, message: describeUnknownFields(strictCheck.errors) };
    }
    if (lenientCheck) return describeSchemaErrors(lenientCheck.errors);
  }
  return describeSchemaErrors(strictCheck.errors);
}

type Handler = (call: {
  name: string;
  body: Record<string, unknown>;
  wait: boolean;
  collection: () => FakeCollection;
}) => unknown;

export async function startFakeQdrant(options: FakeQdrantOptions = {}): Promise<FakeQdrant> {
  const strict = options.rejectUnknownFields ?? true;
  const operations = operationsFor(strict);
  const collections = new Map<string, FakeCollection>();
  const requests: RecordedQdrantRequest[] = [];

  const handlers: Record<string, Handler> = {
    root: () => ({ title: 'qdrant - vector search engine', version: QDRANT_VERSION, commit: null }),
    collection_exists: ({ name }) => ({ exists: collections.has(name) }),
    create_collection: ({ name, body }) => {
      const created = FakeCollection.fromCreateBody(body);
      if (collections.has(name)) throw qdrantErrors.alreadyExists(`Collection \`${name}\` already exists!`);
      collections.set(name, created);
      return true;
    },
    delete_collection: ({ name }) => collections.delete(name),
    create_field_index: ({ body, wait, collection }) => collection().createIndex(body, wait),
    upsert_points: ({ body, wait, collection }) => collection().upsert(body, wait),
    get_points: ({ body, collection }) => collection().retrieve(body),
    delete_points: ({ body, wait, collection }) => collection().delete(body, wait),
    count_points: ({ body, collection }) => collection().count(body),
    query_points: ({ body, collection }) => collection().query(body),
  };

  async function handle(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-qdrant');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const record: RecordedQdrantRequest = {
      method: req.method ?? '',
      path,
      operationId: null,
      query,
      body: null,
      status: 0,
    };
    requests.push(record);
    const answer = (status: number, body: unknown) => {
      record.status = status;
      if (status >= 400 && typeof body === 'object' && body !== null) {
        record.error = (body as { status: { error: string } }).status.error;
      }
      sendJson(res, status, body);
    };
    const fail = (error: QdrantHttpError) =>
      answer(error.status, { status: { error: error.message }, time: elapsed(started) });

    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof QdrantHttpError) return fail(error);
      throw error;
    }

    const route = findRoute(operations, req.method ?? '', path);
    if (!route) {
      record.status = 404;
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end(`fake-qdrant: no route for ${req.method} ${path}`);
      return;
    }
    const { operation, params } = route;
    record.operationId = operation.operationId;

    if (options.apiKey !== undefined && path !== '/') {
      const given = req.headers['api-key'] ?? req.headers.authorization?.replace(/^Bearer /, '');
      if (given !== options.apiKey) {
        record.status = 401;
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end(
          given === undefined
            ? 'Must provide an API key or an Authorization bearer token'
            : 'Invalid API key or JWT',
        );
        return;
      }
    }

    try {
      const name = params['collection_name'] ?? '';
      checkCollectionName(name, operation.operationId === 'create_collection', operation.pathParameters);
      checkQuery(operation, query, strict);
      // The text as sent until it parses (so a refused body can be read in the log), then the parsed body.
      record.body = raw.length > 0 ? raw.toString('utf8') : null;
      const body = operation.validateBody ? parseBody(operation, req, raw, strict) : {};
      record.body = body;
      const handler = handlers[operation.operationId];
      if (!handler) throw qdrantErrors.notImplemented(`${operation.method} ${operation.route}`);
      const result = handler({
        name,
        body,
        wait: query['wait'] === 'true',
        collection: () => {
          const found = collections.get(name);
          if (!found) throw qdrantErrors.missingCollection(name);
          return found;
        },
      });
      const response = operation.route === '/' ? result : { result, status: 'ok', time: elapsed(started) };
      if (operation.validateResponse && !operation.validateResponse(response)) {
        const problem = describeSchemaErrors(operation.validateResponse.errors).message;
        throw new QdrantHttpError(500, `fake-qdrant answered outside Qdrant's response schema: ${problem}`);
      }
      answer(200, response);
    } catch (error) {
      if (error instanceof QdrantHttpError) return fail(error);
      throw error;
    }
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    handle(req, res, started).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { status: { error: `fake-qdrant crashed: ${String(error)}` }, time: 0 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: options.apiKey,
    requests,
    collections,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function findRoute(
  operations: OperationSchemas[],
  method: string,
  path: string,
): { operation: OperationSchemas; params: Record<string, string> } | null {
  for (const operation of operations) {
    const match = operation.method === method ? operation.pattern.exec(path) : null;
    if (match) {
      const params = Object.fromEntries(
        operation.pathParameters.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
      );
      return { operation, params };
    }
  }
  return null;
}

/** Qdrant's path validation: 1–255 characters; a new collection also without <>:"/\|?* (422). */
function checkCollectionName(name: string, creating: boolean, pathParameters: string[]): void {
  if (!pathParameters.includes('collection_name')) return;
  const length = [...name].length;
  if (length < 1 || length > 255) {
    throw qdrantErrors.validation('path parameters', `name: must be between 1 and 255 characters`);
  }
  const forbidden = (creating ? FORBIDDEN_IN_NEW_NAMES : ['/', '\0']).find((c) => name.includes(c));
  if (forbidden !== undefined) {
    throw qdrantErrors.validation(
      'path parameters',
      `name: collection name cannot contain "${forbidden}" char`,
    );
  }
}

function checkQuery(operation: OperationSchemas, query: Record<string, string>, strict: boolean): void {
  if (operation.validateQuery({ ...query })) return;
  const problem = schemaProblem(operation, (o) => o.validateQuery, { ...query }, strict);
  if (problem.status === 422) throw qdrantErrors.validation('query parameters', problem.message);
  throw new QdrantHttpError(400, `Deserialize error in query parameters: ${problem.message}`);
}

function parseBody(
  operation: OperationSchemas,
  req: IncomingMessage,
  raw: Buffer,
  strict: boolean,
): Record<string, unknown> {
  if (!(req.headers['content-type'] ?? '').includes('application/json')) {
    throw new QdrantHttpError(400, 'Content type error');
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    const text = raw.length === 0 ? 'EOF while parsing a value at line 1 column 0' : (error as Error).message;
    throw qdrantErrors.format('JSON body', text);
  }
  if (!operation.validateBody!(body)) {
    const problem = schemaProblem(operation, (o) => o.validateBody, body, strict);
    if (problem.status === 422) throw qdrantErrors.validation('JSON body', problem.message);
    throw qdrantErrors.format('JSON body', problem.message);
  }
  const problems: string[] = [];
  const object = body as Record<string, unknown>;
  checkFilter(object['filter'], 'filter', problems);
  if (problems.length > 0) throw qdrantErrors.validation('JSON body', problems.join('; '));
  return object;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_REQUEST_BYTES) {
        reject(
          new QdrantHttpError(
            400,
            `JSON payload (${size} bytes) is larger than allowed (limit: ${MAX_REQUEST_BYTES} bytes).`,
          ),
        );
      } else {
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function elapsed(started: number): number {
  return (performance.now() - started) / 1000;
}

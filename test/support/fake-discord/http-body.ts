import type { IncomingMessage } from 'node:http';
import { apiErrors } from './api-error';

export interface UploadedFile {
  /** Form field, e.g. `files[0]`. */
  field: string;
  name: string;
  size: number;
  contentType: string;
  bytes: Buffer;
}

export interface ParsedBody {
  /** The JSON body, or `payload_json` of a multipart body; undefined when the request had none. */
  json: unknown;
  files: UploadedFile[];
}

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw apiErrors.invalidJson();
  }
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  // undici's Response implements the multipart/form-data parser, which saves writing one here.
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  let json: unknown = undefined;
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') json = parseJson(value);
      continue;
    }
    const bytes = Buffer.from(await value.arrayBuffer());
    files.push({ field, name: value.name, size: bytes.byteLength, contentType: value.type, bytes });
  }
  return { json, files };
}

export async function readRequestBody(request: IncomingMessage): Promise<ParsedBody> {
  const raw = await readAll(request);
  if (raw.byteLength === 0) return { json: undefined, files: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  return { json: parseJson(raw.toString('utf8')), files: [] };
}

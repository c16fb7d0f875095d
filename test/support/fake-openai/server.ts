/**
 * An OpenAI-compatible HTTP server on loopback for tests: scripted chat completions (with tool calls),
 * deterministic embeddings, every request recorded, and injectable errors and delays.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { fakeEmbedding } from './vectors';

export interface ScriptedToolCall {
  id?: string;
  name: string;
  /** An object is sent as JSON text; a string is sent as is (so tests can send malformed JSON). */
  arguments: string | Record<string, unknown>;
}

export interface ScriptedReply {
  content?: string | null;
  toolCalls?: ScriptedToolCall[];
  usage?: { promptTokens: number; completionTokens: number };
  model?: string;
  /** Answer with this HTTP status and an OpenAI-style error body instead of a completion. */
  status?: number;
  errorMessage?: string;
  /** Wait this long before answering (for client timeouts). */
  delayMs?: number;
  /** A streamed answer (`stream: true`) sends its content in these pieces (default: pieces of 16 characters). */
  chunks?: string[];
  /** Pause between streamed chunks. */
  chunkDelayMs?: number;
}

export type ChatCompletionBody = z.infer<typeof chatBody>;

/** A turn answers one HTTP request; a function sees the request (e.g. the tool results it carries). */
export type ScriptedTurn = ScriptedReply | ((request: ChatCompletionBody) => ScriptedReply);

export interface EmbeddingFault {
  status?: number;
  errorMessage?: string;
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

export interface FakeOpenAi {
  /** Ends in /v1, as the SDK's baseURL expects. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** The bodies of the chat completion requests so far, in order. */
  chatRequests(): ChatCompletionBody[];
  /** Queues replies for the next chat completion requests; when they run out, `defaultReply` answers. */
  script(turns: ScriptedTurn[]): void;
  /** Queues faults for the next embeddings requests; without one, embeddings are answered. */
  scriptEmbeddings(faults: EmbeddingFault[]): void;
  close(): Promise<void>;
}

const chatBody = z
  .object({
    model: z.string(),
    messages: z.array(z.object({ role: z.string() }).passthrough()).min(1),
    tools: z
      .array(z.object({ type: z.string(), function: z.object({ name: z.string() }).passthrough() }))
      .optional(),
  })
  .passthrough();

const embeddingsBody = z.object({
  model: z.string(),
  input: z.union([z.string(), z.array(z.string()).min(1)]),
  dimensions: z.number().int().positive().optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
});

const DEFAULT_DIMENSIONS = 1536;

export async function startFakeOpenAi(options: { defaultReply?: ScriptedReply } = {}): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  const turns: ScriptedTurn[] = [];
  const embeddingFaults: EmbeddingFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const defaultReply = options.defaultReply ?? { content: 'fake reply' };
  let completions = 0;

  const later = (delayMs: number | undefined, then: () => void) => {
    if (!delayMs) return then();
    const timer = setTimeout(() => {
      timers.delete(timer);
      then();
    }, delayMs);
    timers.add(timer);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization ?? null, body });

    if (req.method === 'POST' && path === '/v1/chat/completions') {
      const parsed = chatBody.safeParse(body);
      if (!parsed.success) return sendError(res, 400, `invalid chat request: ${parsed.error.message}`);
      const turn = turns.shift() ?? defaultReply;
      const reply = typeof turn === 'function' ? turn(parsed.data) : turn;
      completions += 1;
      const id = completions;
      return later(reply.delayMs, () => {
        if (reply.status !== undefined && reply.status >= 400) {
          return sendError(res, reply.status, reply.errorMessage ?? 'scripted error');
        }
        if (parsed.data.stream === true) return streamCompletion(res, parsed.data, reply, id, later);
        sendJson(res, 200, completion(parsed.data, reply, id));
      });
    }
    if (req.method === 'POST' && path === '/v1/embeddings') {
      const parsed = embeddingsBody.safeParse(body);
      if (!parsed.success) return sendError(res, 400, `invalid embeddings request: ${parsed.error.message}`);
      const fault = embeddingFaults.shift();
      return later(fault?.delayMs, () => {
        if (fault?.status !== undefined && fault.status >= 400) {
          return sendError(res, fault.status, fault.errorMessage ?? 'scripted error');
        }
        sendJson(res, 200, embeddings(parsed.data));
      });
    }
    sendError(res, 404, `no route for ${req.method} ${path}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, 500, String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () =>
      requests.filter((r) => r.path === '/v1/chat/completions').map((r) => chatBody.parse(r.body)),
    script: (more) => void turns.push(...more),
    scriptEmbeddings: (more) => void embeddingFaults.push(...more),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function completion(request: ChatCompletionBody, reply: ScriptedReply, id: number) {
  const toolCalls = (reply.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `call_fake_${id}_${i + 1}`,
    type: 'function',
    function: {
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
  const content = reply.content === undefined ? (toolCalls.length > 0 ? null : '') : reply.content;
  const outputText = (content ?? '') + toolCalls.map((c) => c.function.arguments).join('');
  const usage = reply.usage ?? {
    promptTokens: Math.ceil(JSON.stringify(request.messages).length / 4),
    completionTokens: Math.ceil(outputText.length / 4),
  };
  return {
    id: `chatcmpl-fake-${id}`,
    object: 'chat.completion',
    created: 1_700_000_000 + id,
    model: reply.model ?? request.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      total_tokens: usage.promptTokens + usage.completionTokens,
    },
  };
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * The same completion as server-sent events, the way the API streams it: a role chunk, content deltas, tool
 * calls in deltas (id and name first, the arguments in two halves), the finish reason, then (with
 * `stream_options.include_usage`) a last chunk with no choices and the usage, and `data: [DONE]`.
 */
function streamCompletion(
  res: ServerResponse,
  request: ChatCompletionBody,
  reply: ScriptedReply,
  id: number,
  later: (delayMs: number | undefined, then: () => void) => void,
): void {
  const whole = completion(request, reply, id);
  const choice = whole.choices[0]!;
  const base = { id: whole.id, object: 'chat.completion.chunk', created: whole.created, model: whole.model };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const events: unknown[] = [chunk({ role: 'assistant', content: '' })];
  const content = choice.message.content ?? '';
  for (const piece of reply.chunks ?? pieces(content, 16)) events.push(chunk({ content: piece }));
  (choice.message.tool_calls ?? []).forEach((call, index) => {
    const half = Math.ceil(call.function.arguments.length / 2);
    events.push(
      chunk({
        tool_calls: [
          { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments.slice(0, half) } }] }),
      chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments.slice(half) } }] }),
    );
  });
  events.push(chunk({}, choice.finish_reason));
  const options = (request as { stream_options?: { include_usage?: boolean } }).stream_options;
  if (options?.include_usage) events.push({ ...base, choices: [], usage: whole.usage });

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const next = (i: number): void => {
    if (res.destroyed) return;
    if (i >= events.length) {
      res.end('data: [DONE]\n\n');
      return;
    }
    res.write(`data: ${JSON.stringify(events[i])}\n\n`);
    later(i === 0 ? 0 : reply.chunkDelayMs, () => next(i + 1));
  };
  next(0);
}

function embeddings(request: z.infer<typeof embeddingsBody>) {
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const dimensions = request.dimensions ?? DEFAULT_DIMENSIONS;
  return {
    object: 'list',
    model: request.model,
    data: inputs.map((text, index) => {
      const vector = fakeEmbedding(text, dimensions);
      return {
        object: 'embedding',
        index,
        embedding:
          request.encoding_format === 'base64'
            ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
            : vector,
      };
    }),
    usage: { prompt_tokens: inputs.join(' ').length, total_tokens: inputs.join(' ').length },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, {
    error: { message, type: status === 401 ? 'invalid_request_error' : 'server_error', code: null },
  });
}

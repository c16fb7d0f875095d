/**
 * The chat model and embedder ports, shaped after OpenAI chat completions with function calling but
 * provider-neutral. Adapters: OpenAI (or any compatible server) and the offline planner.
 */

export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

export interface ToolCall {
  id: string;
  name: string;
  /** Raw JSON text as the model produced it: the loop validates it with zod before using it. */
  argumentsJson: string;
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** Only on assistant messages that asked for tools. */
  toolCalls?: ToolCall[];
  /** Only on tool messages: the id of the call this message answers. */
  toolCallId?: string;
  name?: string;
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  tools: ToolDefinition[];
  maxOutputTokens?: number;
  signal?: AbortSignal;
  /** Called with the answer's text so far each time it grows (streaming models); never with tool calls. */
  onText?: (soFar: string) => void;
}

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatResponse {
  message: { content: string; toolCalls: ToolCall[] };
  usage: ChatUsage;
  model: string;
  /** True when no model was asked (the offline planner answered by rules). */
  offline: boolean;
}

export interface ChatModel {
  readonly id: string;
  readonly offline: boolean;
  /** Rejects with a ChatModelError when the provider fails. */
  complete(request: ChatRequest): Promise<ChatResponse>;
}

export const EMBEDDING_DIMENSIONS = 512;

export interface Embedder {
  /** Stored next to every vector: vectors of different embedders are never compared. */
  readonly id: string;
  readonly dimensions: typeof EMBEDDING_DIMENSIONS;
  /** True when the vectors are computed in-process (no provider, not semantic). */
  readonly local: boolean;
  /** One vector per text, in the same order. Rejects with a ChatModelError when the provider fails. */
  embed(texts: string[]): Promise<number[][]>;
}

export type ChatModelErrorKind =
  'auth' | 'rate_limit' | 'timeout' | 'connection' | 'bad_request' | 'server' | 'bad_response' | 'aborted';

/**
 * A failed call to a model provider (chat or embeddings). The message never contains the API key.
 * `retryable` says whether the same request may succeed later; the SDK has already retried by then.
 */
export class ChatModelError extends Error {
  override readonly name = 'ChatModelError';

  constructor(
    readonly kind: ChatModelErrorKind,
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

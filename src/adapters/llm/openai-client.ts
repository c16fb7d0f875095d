import OpenAI from 'openai';

export interface OpenAiConnection {
  apiKey: string;
  /** Any OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1. Defaults to api.openai.com. */
  baseUrl?: string;
  timeoutMs: number;
  /** Retries of 408/409/429/5xx and connection errors, done by the SDK with backoff. */
  maxRetries: number;
}

export function createOpenAiClient(connection: OpenAiConnection): OpenAI {
  return new OpenAI({
    apiKey: connection.apiKey,
    baseURL: connection.baseUrl,
    timeout: connection.timeoutMs,
    maxRetries: connection.maxRetries,
  });
}

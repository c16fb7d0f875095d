import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { ChatModelError } from '../../domain/ports/llm';

const KEY_LIKE = /\b(sk|rk|pk)-[A-Za-z0-9_*.-]{4,}/g;

/** Removes the key itself and anything shaped like an OpenAI key (servers echo masked keys back). */
export function redactSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.replace(KEY_LIKE, '[redacted]');
}

/** Maps anything the openai SDK throws to a ChatModelError whose message is safe to log and show. */
export function toChatModelError(error: unknown, operation: string, secrets: string[]): ChatModelError {
  if (error instanceof ChatModelError) return error;
  const say = (detail: string) => redactSecrets(`${operation}: ${detail}`, secrets);
  if (error instanceof APIUserAbortError)
    return new ChatModelError('aborted', say('aborted by the caller'), false);
  if (error instanceof APIConnectionTimeoutError)
    return new ChatModelError('timeout', say('request timed out'), true);
  if (error instanceof APIConnectionError) {
    return new ChatModelError('connection', say(`connection failed (${error.message})`), true);
  }
  if (error instanceof APIError) {
    const status = typeof error.status === 'number' ? error.status : null;
    // The SDK's message already starts with the status, e.g. "401 Incorrect API key provided: …".
    const detail = error.message || `HTTP ${status ?? 'error'}`;
    if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
      return new ChatModelError('auth', say(detail), false, status);
    }
    if (error instanceof RateLimitError) return new ChatModelError('rate_limit', say(detail), true, status);
    if (status !== null && status >= 500) return new ChatModelError('server', say(detail), true, status);
    if (status === 408 || status === 409) return new ChatModelError('server', say(detail), true, status);
    return new ChatModelError('bad_request', say(detail), false, status);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChatModelError('bad_response', say(message), false);
}

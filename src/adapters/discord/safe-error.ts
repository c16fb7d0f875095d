import { DiscordAPIError, HTTPError } from 'discord.js';

/**
 * What of an error may be logged. Discord errors carry the request URL, and interaction webhook URLs contain
 * the interaction token, so only the method, status, code and message are kept.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError)
    return {
      name: error.name,
      status: error.status,
      code: error.code,
      method: error.method,
      message: error.message,
    };
  if (error instanceof HTTPError) return { name: error.name, status: error.status, method: error.method };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { message: String(error) };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeApiError, apiErrors } from './api-error';
import { readRequestBody, type ParsedBody } from './http-body';
import type { RequestLog } from './request-log';
import type { RouteReply, Router } from './router';
import type { FakeDiscordState, ScriptedRateLimit } from './state';

const API_PREFIX = '/api/v10';

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

class RateLimited extends Error {
  body: unknown;
}

function errorReply(error: unknown): RouteReply {
  if (error instanceof FakeApiError) return { status: error.status, body: error.toBody() };
  // Not 5xx: @discordjs/rest retries those, which would record the same bug three times.
  const message = error instanceof Error ? error.message : String(error);
  return { status: 400, body: { code: 0, message: `fake-discord bug: ${message}` } };
}

/** Takes the first scripted 429 for this route, if any. */
function takeRateLimit(state: FakeDiscordState, route: string | undefined): ScriptedRateLimit | undefined {
  if (!route) return undefined;
  const at = state.rateLimits.findIndex((limit) => limit.route === route);
  return at === -1 ? undefined : state.rateLimits.splice(at, 1)[0];
}

/** Discord's 429: `retry_after` (seconds, float) in the body, `Retry-After` (whole seconds) and X-RateLimit-*. */
function rateLimitedReply(state: FakeDiscordState, limit: ScriptedRateLimit) {
  const resetAt = state.clock.now().getTime() / 1000 + limit.retryAfter;
  const headers: Record<string, string> = {
    'retry-after': String(Math.max(1, Math.ceil(limit.retryAfter))),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': resetAt.toFixed(3),
    'x-ratelimit-reset-after': limit.retryAfter.toFixed(3),
    'x-ratelimit-bucket': limit.bucket,
    'x-ratelimit-scope': limit.global ? 'global' : 'user',
    ...(limit.global ? { 'x-ratelimit-global': 'true' } : {}),
  };
  return {
    headers,
    body: { message: 'You are being rate limited.', retry_after: limit.retryAfter, global: limit.global },
  };
}

/** The REST half of the fake: routes `/api/v10/*`, answers Discord-shaped JSON and records every call. */
export function createRestHandler(router: Router, state: FakeDiscordState, log: RequestLog) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const path = url.pathname.startsWith(`${API_PREFIX}/`)
      ? url.pathname.slice(API_PREFIX.length)
      : url.pathname;
    const segments = path.split('/').filter(Boolean).map(decodeSegment);
    const decodedPath = `/${segments.join('/')}`;
    const hasAuthorization = typeof request.headers.authorization === 'string';

    let body: ParsedBody = { json: undefined, files: [] };
    let reply: RouteReply;
    let headers: Record<string, string> = {};
    const match = url.pathname.startsWith(`${API_PREFIX}/`) ? router.match(method, segments) : null;
    const limited = takeRateLimit(state, match?.route);
    try {
      body = await readRequestBody(request);
      if (!match) throw apiErrors.noRoute(method, decodedPath);
      if (match.auth === 'bot' && request.headers.authorization !== `Bot ${state.fixtures.botToken}`)
        throw apiErrors.unauthorized();
      if (limited) {
        const answer = rateLimitedReply(state, limited);
        headers = answer.headers;
        throw Object.assign(new RateLimited(), { body: answer.body });
      }
      reply = match.handler({
        params: match.params,
        query: url.searchParams,
        body: body.json,
        files: body.files,
      });
    } catch (error) {
      reply = error instanceof RateLimited ? { status: 429, body: error.body } : errorReply(error);
    }

    // JSON round trip: the log and the wire then hold the same snapshot, not live store objects.
    const responseText = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    log.add({
      method,
      path,
      decodedPath,
      query: Object.fromEntries(url.searchParams),
      route: match?.route ?? null,
      params: match?.params ?? {},
      body: body.json,
      files: body.files,
      hasAuthorization,
      at: state.clock.now(),
      status: reply.status,
      response: responseText === undefined ? undefined : (JSON.parse(responseText) as unknown),
      responseHeaders: headers,
    });

    if (responseText === undefined) {
      response.writeHead(reply.status, headers).end();
    } else {
      response.writeHead(reply.status, { ...headers, 'content-type': 'application/json' }).end(responseText);
    }
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeApiError, apiErrors } from './api-error';
import { readRequestBody, type ParsedBody } from './http-body';
import type { RequestLog } from './request-log';
import type { RouteReply, Router } from './router';
import type { FakeDiscordState } from './state';

const API_PREFIX = '/api/v10';

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function errorReply(error: unknown): RouteReply {
  if (error instanceof FakeApiError) return { status: error.status, body: error.toBody() };
  // Not 5xx: @discordjs/rest retries those, which would record the same bug three times.
  const message = error instanceof Error ? error.message : String(error);
  return { status: 400, body: { code: 0, message: `fake-discord bug: ${message}` } };
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
    const match = url.pathname.startsWith(`${API_PREFIX}/`) ? router.match(method, segments) : null;
    try {
      body = await readRequestBody(request);
      if (!match) throw apiErrors.noRoute(method, decodedPath);
      if (match.auth === 'bot' && request.headers.authorization !== `Bot ${state.fixtures.botToken}`)
        throw apiErrors.unauthorized();
      reply = match.handler({
        params: match.params,
        query: url.searchParams,
        body: body.json,
        files: body.files,
      });
    } catch (error) {
      reply = errorReply(error);
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
    });

    if (responseText === undefined) {
      response.writeHead(reply.status).end();
    } else {
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(responseText);
    }
  };
}

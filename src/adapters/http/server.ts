import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { runReadiness, type ReadinessCheck } from './readiness';

/** A route of the dashboard page (its HTML, scripts and JSON panel data), mounted under /dashboard. */
export type RouteHandler = (request: IncomingMessage, url: URL, response: ServerResponse) => Promise<boolean>;

export interface DeskHttpServerOptions {
  host: string;
  port: number;
  registry: Registry;
  readiness: readonly ReadinessCheck[];
  /**
   * Required for every route but /healthz when set: Authorization: Bearer …, ?token=… or the session cookie. A page
   * opened with ?token= is redirected to the same address without it, with an HttpOnly cookie that is not the token.
   */
  token?: string;
  /** Tried for any path not served here; false → 404. */
  routes?: RouteHandler;
  onError?: (error: unknown) => void;
}

export class HttpPortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `포트 ${host}:${port}을(를) 이미 다른 프로그램이 쓰고 있습니다. HTTP_PORT를 바꾸거나 HTTP_ENABLED=false로 끄세요.\n` +
        `port ${host}:${port} is already in use: set HTTP_PORT to a free port, or HTTP_ENABLED=false to turn the health/dashboard server off.`,
    );
    this.name = 'HttpPortInUseError';
  }
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
}

const SESSION_COOKIE = 'kis_desk_session';

/** The cookie's value: derived from the token, so the cookie never holds the token itself. */
function sessionOf(token: string): string {
  return createHmac('sha256', token).update('kis-desk dashboard session').digest('hex');
}

function cookieOf(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/** Where a person's browser goes (the dashboard), as opposed to /readyz and /metrics that scrapers read. */
const isPagePath = (pathname: string) => pathname === '/' || pathname === '/dashboard' || pathname.startsWith('/dashboard/');

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

export function sendText(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(body);
}

export interface DeskHttpServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** /healthz (alive), /readyz (each named part), /metrics (Prometheus), then the dashboard routes; else 404. */
export async function startDeskHttpServer(options: DeskHttpServerOptions): Promise<DeskHttpServer> {
  const session = options.token ? sessionOf(options.token) : null;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://desk.invalid');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendText(response, 405, 'method not allowed');
      return;
    }
    if (url.pathname === '/healthz') {
      sendJson(response, 200, { status: 'ok' });
      return;
    }
    if (options.token) {
      const viaQuery = url.searchParams.get('token');
      const authorised =
        sameToken(bearerOf(request), options.token) ||
        sameToken(cookieOf(request, SESSION_COOKIE), session!) ||
        sameToken(viaQuery, options.token);
      if (!authorised) {
        response.setHeader('www-authenticate', 'Bearer');
        sendText(response, 401, '토큰이 필요합니다 (?token=… 또는 Authorization: Bearer …) / token required');
        return;
      }
      if (viaQuery !== null && isPagePath(url.pathname)) {
        url.searchParams.delete('token');
        response.writeHead(303, {
          location: `${url.pathname}${url.search}`,
          'set-cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
        });
        response.end();
        return;
      }
    }
    if (url.pathname === '/readyz') {
      const report = await runReadiness(options.readiness);
      sendJson(response, report.ready ? 200 : 503, report);
      return;
    }
    if (url.pathname === '/metrics') {
      const body = await options.registry.metrics();
      response.writeHead(200, { 'content-type': options.registry.contentType });
      response.end(body);
      return;
    }
    if (options.routes && (await options.routes(request, url, response))) return;
    sendText(response, 404, 'not found');
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) sendText(response, 500, 'internal error');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new HttpPortInUseError(options.host, options.port) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port, options.host);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface StubReply {
  status?: number;
  body?: unknown;
  /** Sent as-is instead of JSON. */
  raw?: string;
  headers?: Record<string, string>;
  /** Wait before answering (for client timeouts). */
  delayMs?: number;
  /** Drop the connection without an answer (connection reset after the request arrived). */
  destroy?: boolean;
}

export type StubHandler = (request: RecordedRequest) => StubReply | Promise<StubReply>;

export interface KisStub {
  url: string;
  requests: RecordedRequest[];
  /** Requests other than OAuth ones. */
  apiRequests(): RecordedRequest[];
  close(): Promise<void>;
}

/** A tiny KIS stand-in on 127.0.0.1:0 that records every request and answers from the handler. */
export async function startKisStub(handler: StubHandler): Promise<KisStub> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
      requests.push(recorded);
      void Promise.resolve(handler(recorded)).then((reply) => answer(res, reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    apiRequests: () => requests.filter((r) => !r.path.startsWith('/oauth2/')),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(res: ServerResponse, reply: StubReply): Promise<void> {
  if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
  if (reply.destroy) {
    res.socket?.destroy();
    return;
  }
  if (res.destroyed) return;
  res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)));
}

export const TEST_TOKEN = 'test-access-token-0123456789';

/** A tokenP answer that expires at the given KST wall time. */
export function tokenReply(expiresKst = '2099-12-31 23:59:59', token = TEST_TOKEN): StubReply {
  return {
    body: {
      access_token: token,
      token_type: 'Bearer',
      expires_in: 86400,
      access_token_token_expired: expiresKst,
    },
  };
}

export function approvalReply(key = 'approval-key-for-tests'): StubReply {
  return { body: { approval_key: key } };
}

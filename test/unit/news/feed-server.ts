import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/news/', import.meta.url));

export interface FeedServer {
  url(path: string): string;
  /** Every request path the server saw, in order. */
  requests: string[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/rss+xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/** Serves the recorded feeds from test/fixtures/news plus misbehaving endpoints, on 127.0.0.1 port 0. */
export async function startFeedServer(): Promise<FeedServer> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.push(path);
    const pathname = path.split('?')[0] ?? '/';
    if (pathname.startsWith('/feeds/')) {
      const name = pathname.slice('/feeds/'.length);
      if (!/^[\w.-]+$/.test(name)) return void res.writeHead(400).end();
      let body: Buffer;
      try {
        body = readFileSync(FIXTURES + name);
      } catch {
        return void res.writeHead(404).end();
      }
      const type = name.includes('euckr') ? 'application/xml' : (CONTENT_TYPES[name.slice(name.lastIndexOf('.'))] ?? 'text/plain');
      return void res.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body);
    }
    if (pathname === '/status/500') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
    if (pathname === '/slow') {
      // Headers and a first chunk, then silence: only the client's timeout ends this.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.write('<?xml version="1.0"?><rss><channel>');
    }
    if (pathname === '/huge-declared') {
      return void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': 10_000_000 }).end();
    }
    if (pathname === '/huge-streamed') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = `<item><title>${'x'.repeat(16_000)}</title></item>`;
      let sent = 0;
      const pump = (): void => {
        while (sent < 200 && res.write(chunk)) sent += 1;
        if (sent < 200) res.once('drain', pump);
        else res.end();
      };
      res.write('<?xml version="1.0"?><rss><channel>');
      return pump();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

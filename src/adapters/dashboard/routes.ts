import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../db/client';
import { koreanFontFiles } from '../chart/raster';
import { sendJson, type RouteHandler } from '../http/server';
import { createDashboardReader, type DashboardReader } from './panels';
import { renderBadRequestPage, renderDashboardPage } from './page';
import { parseDashboardRequest } from './request';

export interface DashboardRoutesOptions {
  database: Database;
  /** Today's KST trade date, the default range's end. */
  today: () => string;
  /** ETF names by ticker, shown beside the tickers. */
  names?: Readonly<Record<string, string>>;
  /** Called once when the read-only role cannot be used on this database (reads still go only through the views). */
  onRoleMissing?: () => void;
}

/** Static files the page loads, all local (there is no CDN): ECharts' browser build, the Korean font, our script. */
function assetFiles(): Record<string, { file: string; type: string }> {
  const require = createRequire(import.meta.url);
  const echartsDist = require.resolve('echarts/dist/echarts.min.js');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const font = koreanFontFiles()[0]!;
  return {
    'echarts.min.js': { file: echartsDist, type: 'text/javascript; charset=utf-8' },
    'dashboard.js': {
      file: path.join(here, 'assets', 'dashboard.js'),
      type: 'text/javascript; charset=utf-8',
    },
    'dashboard.css': { file: path.join(here, 'assets', 'dashboard.css'), type: 'text/css; charset=utf-8' },
    'NotoSansKR-Regular.otf': { file: font, type: 'font/otf' },
  };
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Scripts and styles only from this server; the page's data is JSON in a non-executed script element.
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

async function sendAsset(
  response: ServerResponse,
  asset: { file: string; type: string },
  head: boolean,
): Promise<void> {
  const info = await stat(asset.file);
  response.writeHead(200, {
    'content-type': asset.type,
    'content-length': info.size,
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
  if (head) {
    response.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(asset.file);
    stream.on('error', reject);
    response.on('close', resolve);
    stream.pipe(response);
  });
}

/**
 * The read-only dashboard: GET /dashboard (the page), /dashboard/data.json (the same panels as JSON) and
 * /dashboard/assets/<file>; / redirects to the page. Anything else is left to the server (404).
 */
export function createDashboardRoutes(options: DashboardRoutesOptions): RouteHandler {
  const reader: DashboardReader = createDashboardReader(options.database, options.onRoleMissing);
  const assets = assetFiles();
  const names = options.names ?? {};

  return async (request: IncomingMessage, url: URL, response: ServerResponse) => {
    const head = request.method === 'HEAD';
    if (url.pathname === '/') {
      response.writeHead(302, { location: '/dashboard' });
      response.end();
      return true;
    }
    if (url.pathname.startsWith('/dashboard/assets/')) {
      const name = url.pathname.slice('/dashboard/assets/'.length);
      const asset = Object.hasOwn(assets, name) ? assets[name] : undefined;
      if (!asset) return false;
      await sendAsset(response, asset, head);
      return true;
    }
    const page = url.pathname === '/dashboard' || url.pathname === '/dashboard/';
    if (!page && url.pathname !== '/dashboard/data.json') return false;

    const parsed = parseDashboardRequest(
      url.searchParams,
      request.headers['accept-language'],
      options.today(),
    );
    if (!parsed.ok) {
      if (!page) {
        sendJson(response, 400, { error: 'bad request', problems: parsed.problems });
        return true;
      }
      response.writeHead(400, PAGE_HEADERS);
      response.end(head ? undefined : renderBadRequestPage(parsed.locale, parsed.problems));
      return true;
    }
    const data = await reader.read(parsed.value);
    if (!page) {
      sendJson(response, 200, data);
      return true;
    }
    response.writeHead(200, PAGE_HEADERS);
    response.end(head ? undefined : renderDashboardPage({ data, locale: parsed.value.locale, names }));
    return true;
  };
}

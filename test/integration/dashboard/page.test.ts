import { sql } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/client';
import type { DashboardData } from '../../../src/adapters/dashboard/panels';
import { PANEL_IDS } from '../../../src/adapters/dashboard/page';
import { createDashboardRoutes } from '../../../src/adapters/dashboard/routes';
import { startDeskHttpServer, type DeskHttpServer } from '../../../src/adapters/http/server';
import { seedDeskMonth, SEED_NAV_FLOOR, type SeedSummary } from '../../support/dashboard-seed';
import { testDatabaseTargets } from '../../support/db';
import { rowsOf } from '../../support/sql-rows';

const MONTH = 'from=2026-11-01&to=2026-11-30';
const EMPTY = 'from=2020-01-01&to=2020-01-31';
const NAMES = { '069500': 'KODEX 200', '360750': 'TIGER 미국S&P500' };

/** The panels' states as the page renders them (data-state="data" | "empty"). */
function panelStates(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/data-panel="(\w+)" data-state="(\w+)"/g)].map((m) => [m[1]!, m[2]!]),
  );
}

/** Counts the transactions the page opens: a refused request must open none. */
function countingTransactions(database: Database): { database: Database; count: () => number } {
  let count = 0;
  const db = new Proxy(database.db, {
    get(target, key, receiver) {
      if (key === 'transaction') {
        return (...args: Parameters<Database['db']['transaction']>) => {
          count += 1;
          return target.transaction(...args);
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { database: { ...database, db }, count: () => count };
}

describe.each(testDatabaseTargets())('the dashboard page on a seeded month, $name', (target) => {
  let database: Database;
  let seed: SeedSummary;
  let server: DeskHttpServer;
  let base: string;
  let transactions: () => number;

  beforeAll(async () => {
    database = await target.open();
    seed = await seedDeskMonth(database.db);
    const counted = countingTransactions(database);
    transactions = counted.count;
    server = await startDeskHttpServer({
      host: '127.0.0.1',
      port: 0,
      registry: new Registry(),
      readiness: [],
      routes: createDashboardRoutes({ database: counted.database, today: () => '2026-11-30', names: NAMES }),
    });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('when the month is asked then every panel has data, in Korean, with names and Korean labels', async () => {
    const before = transactions();

    const response = await fetch(`${base}/dashboard?${MONTH}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(transactions()).toBe(before + 1);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(panelStates(html)).toEqual(Object.fromEntries(PANEL_IDS.map((id) => [id, 'data'])));
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('순자산과 하한');
    expect(html).toContain('KODEX 200 (069500)');
    expect(html).toContain('20일선 눌림목 매수');
    expect(html).toContain('APBK0952');
    expect(html).toContain('<script src="/dashboard/assets/echarts.min.js"></script>');
    expect(
      html.match(/<tr><td>2026-11-\d\d \d\d:\d\d<\/td><td>(KODEX|TIGER)[^<]*<\/td><td class="(up|down)">/g),
    ).toHaveLength(seed.orders);
  });

  it('when the data is read as JSON then it matches the seeded month', async () => {
    const data = (await (await fetch(`${base}/dashboard/data.json?${MONTH}`)).json()) as DashboardData;

    expect(data.nav).toHaveLength(seed.tradingDays);
    expect(data.nav.at(-1)?.nav).toBe(seed.lastNav);
    expect(data.nav.every((n) => n.floor === SEED_NAV_FLOOR)).toBe(true);
    expect(data.pnlMonthly.map((m) => [m.month, m.realised])).toEqual([['2026-11-01', seed.realisedPnl]]);
    expect(Object.fromEntries(data.denials.byCode.map((d) => [d.code, d.count]))).toEqual(seed.denialsByCode);
    expect(data.orders.total).toBe(seed.orders);
    expect(data.cycles.rows.filter((r) => r.status === 'FAILED').map((r) => r.date)).toEqual([
      seed.failedRunDate,
    ]);
    expect(data.watch.firings).toHaveLength(seed.watchFirings);
    expect(data.holdings.rows.reduce((sum, h) => sum + h.value, 0) + data.holdings.cash!).toBe(seed.lastNav);
  });

  it('when English is asked by ?lang=en or the browser then the page is English; Korean otherwise', async () => {
    const byQuery = await (await fetch(`${base}/dashboard?${MONTH}&lang=en`)).text();
    const byHeader = await (
      await fetch(`${base}/dashboard?${MONTH}`, { headers: { 'accept-language': 'en-US,en;q=0.9' } })
    ).text();
    const korean = await (
      await fetch(`${base}/dashboard?${MONTH}`, { headers: { 'accept-language': 'ko-KR,en;q=0.5' } })
    ).text();

    for (const html of [byQuery, byHeader]) {
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('NAV and floor');
      expect(html).toContain('MA20 pullback (buy)');
    }
    expect(korean).toContain('<html lang="ko">');
  });

  it('when the range holds no data then the page says "no data" for each dated panel, never an error', async () => {
    const response = await fetch(`${base}/dashboard?${EMPTY}`);
    const html = await response.text();
    const json = await fetch(`${base}/dashboard/data.json?${EMPTY}`);

    expect(response.status).toBe(200);
    expect(panelStates(html)).toMatchObject({
      nav: 'empty',
      drawdown: 'empty',
      pnlCalendar: 'empty',
      denials: 'empty',
      orders: 'empty',
      cycles: 'empty',
    });
    expect(html).toContain('이 기간에는 데이터가 없습니다.');
    expect(html.match(/데이터 없음/g)?.length).toBeGreaterThanOrEqual(6);
    expect(json.status).toBe(200);
  });

  it.each([
    ["from=2026-11-01';drop table orders;--", '시작일', 'from: YYYY-MM-DD'],
    ['to=2026-11-30%20or%201=1', '종료일', 'to: YYYY-MM-DD'],
    ['from=2026-11-30&to=2026-11-01', '시작일', '시작일이 종료일보다 늦습니다.'],
    ['lang=xx', '', 'lang: ko 또는 en'],
  ])(
    'when the query is %s then it is refused with a clear message and reaches no SQL',
    async (query, _field, message) => {
      const before = transactions();

      const response = await fetch(`${base}/dashboard?${query}`);
      const html = await response.text();
      const json = await fetch(`${base}/dashboard/data.json?${query}`);

      expect(response.status).toBe(400);
      expect(html).toContain(message);
      expect(json.status).toBe(400);
      expect(transactions()).toBe(before);
      expect(Number((await rowsOf(database, 'select count(*) as n from orders'))[0]!.n)).toBe(seed.orders);
    },
  );

  it('when an unknown route or asset is asked then it is 404, and / leads to the page', async () => {
    for (const path of [
      '/dashboard/nope',
      '/dashboard/assets/../../package.json',
      '/dashboard/assets/constructor',
      '/nope',
    ]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/dashboard']);
  });

  it('when the assets are asked then ECharts, the script, the style and the Korean font come from this server', async () => {
    const echarts = await fetch(`${base}/dashboard/assets/echarts.min.js`);
    const font = await fetch(`${base}/dashboard/assets/NotoSansKR-Regular.otf`, { method: 'HEAD' });

    expect(echarts.headers.get('content-type')).toContain('javascript');
    expect((await echarts.text()).length).toBeGreaterThan(500_000);
    expect([font.status, Number(font.headers.get('content-length'))]).toEqual([200, expect.any(Number)]);
    expect(Number(font.headers.get('content-length'))).toBeGreaterThan(1_000_000);
    expect((await fetch(`${base}/dashboard/assets/dashboard.js`)).status).toBe(200);
    expect((await fetch(`${base}/dashboard/assets/dashboard.css`)).status).toBe(200);
  });

  it('when the read-only role loses a view then the page fails: it reads as kis_desk_dashboard', async () => {
    await database.db.execute(sql`revoke select on dashboard.watchlist from kis_desk_dashboard`);
    try {
      const response = await fetch(`${base}/dashboard/data.json?${MONTH}`);
      expect(response.status).toBe(500);
    } finally {
      await database.db.execute(sql`grant select on dashboard.watchlist to kis_desk_dashboard`);
    }
    expect((await fetch(`${base}/dashboard/data.json?${MONTH}`)).status).toBe(200);
  });
});

describe('the dashboard beyond loopback', () => {
  const token = 'dashboard-token-0123456789';
  let database: Database;
  let server: DeskHttpServer;
  let base: string;

  beforeAll(async () => {
    database = await testDatabaseTargets()[0]!.open();
    server = await startDeskHttpServer({
      host: '127.0.0.1',
      port: 0,
      registry: new Registry(),
      readiness: [],
      token,
      routes: createDashboardRoutes({ database, today: () => '2026-11-30' }),
    });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('when no token is given then the page, its data and its assets are refused without naming the token', async () => {
    for (const path of ['/dashboard', '/dashboard/data.json', '/dashboard/assets/echarts.min.js', '/']) {
      const response = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(401);
      expect(await response.text()).not.toContain(token);
    }
  });

  it('when the page is opened with ?token= then it moves the browser to an address without it, holding a cookie that is not the token', async () => {
    const first = await fetch(`${base}/dashboard?token=${token}&${MONTH}`, { redirect: 'manual' });
    const location = first.headers.get('location');
    const cookie = first.headers.get('set-cookie') ?? '';

    expect(first.status).toBe(303);
    expect(location).toBe(`/dashboard?${MONTH}`);
    expect(cookie).toMatch(/^kis_desk_session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(cookie).not.toContain(token);

    const page = await fetch(`${base}${location}`, { headers: { cookie: cookie.split(';')[0]! } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain(token);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const asset = await fetch(`${base}/dashboard/assets/dashboard.js`, {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(asset.status).toBe(200);
    const forged = await fetch(`${base}/dashboard`, {
      headers: { cookie: `kis_desk_session=${'0'.repeat(64)}` },
    });
    expect(forged.status).toBe(401);
  });

  it('when a scraper sends the token as a header then the data answers directly', async () => {
    const response = await fetch(`${base}/dashboard/data.json?${MONTH}`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(200);
    expect(((await response.json()) as DashboardData).nav).toEqual([]);
  });
});

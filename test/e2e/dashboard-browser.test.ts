import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/adapters/db/client';
import { PANEL_IDS } from '../../src/adapters/dashboard/page';
import { createDashboardRoutes } from '../../src/adapters/dashboard/routes';
import { startDeskHttpServer, type DeskHttpServer } from '../../src/adapters/http/server';
import { seedDeskMonth } from '../support/dashboard-seed';
import { testDatabaseTargets } from '../support/db';

/**
 * The embedded dashboard in a real browser: Debian's chromium driven by playwright-core, on a seeded month.
 * .ci/run installs chromium; on a machine without it the suite is skipped and says why.
 */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Where the test leaves its screenshot (docs/dashboard.png is a copy of one). */
const SCREENSHOT = path.resolve('.ci', 'out', 'dashboard.png');
const MONTH = 'from=2026-11-01&to=2026-11-30';
const TOKEN = 'browser-dashboard-token-42';
const available = existsSync(CHROMIUM);

interface Problems {
  list: string[];
}

/** Console errors, page errors, failed or refused requests, and any request leaving this machine. */
function watchProblems(page: Page, origin: string): Problems {
  const problems: Problems = { list: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.list.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.list.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) =>
    problems.list.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`),
  );
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:'))
      problems.list.push(`request off this server: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.list.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** What each panel shows once the charts are drawn: its state, drawn charts (canvas size) and table rows. */
async function panelReport(page: Page) {
  await page.waitForSelector('body[data-charts-ready="true"]', { timeout: 20_000 });
  return page.$$eval('[data-panel]', (panels) =>
    panels.map((p) => ({
      id: p.getAttribute('data-panel'),
      state: p.getAttribute('data-state'),
      charts: [...p.querySelectorAll('[data-chart]')].map((c) => {
        const canvas = c.querySelector('canvas');
        return {
          rendered: c.getAttribute('data-rendered'),
          width: canvas?.width ?? 0,
          height: canvas?.height ?? 0,
        };
      }),
      rows: p.querySelectorAll('tbody tr').length,
      text: (p.textContent ?? '').trim(),
    })),
  );
}

describe.skipIf(!available)(
  `the dashboard page in chromium${available ? '' : ` (skipped: ${CHROMIUM} is not installed; apt-get install chromium)`}`,
  { timeout: 90_000 },
  () => {
    let database: Database;
    let open: DeskHttpServer;
    let guarded: DeskHttpServer;
    let context: BrowserContext;
    let profile: string;

    beforeAll(async () => {
      database = await testDatabaseTargets()[0]!.open();
      await seedDeskMonth(database.db);
      const names = { '069500': 'KODEX 200', '360750': 'TIGER 미국S&P500' };
      const routes = () => createDashboardRoutes({ database, today: () => '2026-11-30', names });
      open = await startDeskHttpServer({
        host: '127.0.0.1',
        port: 0,
        registry: new Registry(),
        readiness: [],
        routes: routes(),
      });
      guarded = await startDeskHttpServer({
        host: '127.0.0.1',
        port: 0,
        registry: new Registry(),
        readiness: [],
        token: TOKEN,
        routes: routes(),
      });
      profile = mkdtempSync(path.join(tmpdir(), 'kis-desk-chromium-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: FLAGS,
        locale: 'ko-KR',
        viewport: { width: 1280, height: 900 },
      });
    }, 120_000);
    afterAll(async () => {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
      await open?.close();
      await guarded?.close();
      await database?.close();
    });

    it('when the seeded month is opened then every panel draws data, Korean renders, no console error, and a screenshot is saved', async () => {
      const origin = `http://127.0.0.1:${open.port}`;
      const page = await context.newPage();
      const problems = watchProblems(page, origin);

      await page.goto(`${origin}/dashboard?${MONTH}`);
      const report = await panelReport(page);
      const koreanFont = await page.evaluate<boolean>(
        `[...document.fonts].some((f) => f.family.includes('Noto Sans KR') && f.status === 'loaded')`,
      );
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await page.close();

      expect(report.map((p) => p.id)).toEqual([...PANEL_IDS]);
      for (const panel of report) {
        expect(panel.state, panel.id!).toBe('data');
        expect(panel.charts.length + panel.rows, panel.id!).toBeGreaterThan(0);
        for (const chart of panel.charts) {
          expect(chart.rendered, panel.id!).toBe('true');
          expect(chart.width * chart.height, panel.id!).toBeGreaterThan(10_000);
        }
      }
      expect(report.find((p) => p.id === 'orders')?.rows).toBe(6);
      expect(report.find((p) => p.id === 'watch')?.text).toContain('20일선 눌림목 매수');
      expect(koreanFont).toBe(true);
      expect(problems.list).toEqual([]);
      expect(existsSync(SCREENSHOT)).toBe(true);
    });

    it('when English is asked then the page and its charts are English, with no console error', async () => {
      const origin = `http://127.0.0.1:${open.port}`;
      const page = await context.newPage();
      const problems = watchProblems(page, origin);

      await page.goto(`${origin}/dashboard?${MONTH}&lang=en`);
      const report = await panelReport(page);
      const title = await page.title();
      await page.close();

      expect(title).toBe('kis-desk dashboard');
      expect(report.every((p) => p.state === 'data')).toBe(true);
      expect(report.find((p) => p.id === 'nav')?.text).toContain('NAV and floor');
      expect(problems.list).toEqual([]);
    });

    it('when a range with no data is opened then each dated panel says "no data" and nothing errors', async () => {
      const origin = `http://127.0.0.1:${open.port}`;
      const page = await context.newPage();
      const problems = watchProblems(page, origin);

      const response = await page.goto(`${origin}/dashboard?from=2020-01-01&to=2020-01-31`);
      const report = await panelReport(page);
      await page.close();

      expect(response?.status()).toBe(200);
      for (const id of ['nav', 'drawdown', 'pnlCalendar', 'denials', 'orders', 'cycles']) {
        const panel = report.find((p) => p.id === id)!;
        expect([panel.state, panel.text.includes('데이터 없음')], id).toEqual(['empty', true]);
      }
      expect(problems.list).toEqual([]);
    });

    it('when the server wants a token then ?token= opens the page, the address loses it and the charts still load', async () => {
      const origin = `http://127.0.0.1:${guarded.port}`;
      const page = await context.newPage();
      const problems = watchProblems(page, origin);

      await page.goto(`${origin}/dashboard?token=${TOKEN}&${MONTH}`);
      const report = await panelReport(page);
      const address = page.url();
      const html = await page.content();
      await page.close();

      expect(address).toBe(`${origin}/dashboard?${MONTH}`);
      expect(html).not.toContain(TOKEN);
      expect(report.every((p) => p.state === 'data' && p.charts.every((c) => c.rendered === 'true'))).toBe(
        true,
      );
      expect(problems.list).toEqual([]);
    });
  },
);

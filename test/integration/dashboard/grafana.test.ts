import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DASHBOARDS, dashboardJson } from '../../../grafana/dashboards';
import type { Database } from '../../../src/adapters/db/client';
import { seedDeskMonth, SEED_FROM, SEED_TO } from '../../support/dashboard-seed';
import { testDatabaseTargets } from '../../support/db';
import { rowsOf } from '../../support/sql-rows';

/** The fields of Grafana's dashboard JSON model (schemaVersion 39) that provisioning needs to load a panel. */
const panelSchema = z.object({
  id: z.number().int().positive(),
  type: z.enum(['timeseries', 'table', 'stat', 'barchart', 'piechart']),
  title: z.string().min(1),
  gridPos: z.object({ x: z.number().int().min(0).max(23), y: z.number().int().min(0), w: z.number().int().min(1).max(24), h: z.number().int().min(1) }),
  datasource: z.object({ type: z.literal('grafana-postgresql-datasource'), uid: z.literal('kis-desk-views') }),
  targets: z
    .array(
      z.object({
        refId: z.string(),
        format: z.enum(['table', 'time_series']),
        rawQuery: z.literal(true),
        rawSql: z.string().regex(/\bdashboard\./, 'panels read only the dashboard views'),
      }),
    )
    .length(1),
});
const dashboardSchema = z.object({
  uid: z.string().regex(/^[a-z0-9-]{1,40}$/),
  title: z.string().min(1),
  schemaVersion: z.number().int().min(36),
  time: z.object({ from: z.string(), to: z.string() }),
  panels: z.array(panelSchema).min(1),
});

const INTERVALS: Record<string, number> = { '1h': 3600, '1d': 86400 };

/** Grafana's PostgreSQL macros, expanded the way its SQL datasource does for a dashboard time range. */
export function expandGrafanaMacros(sql: string, from: Date, to: Date): string {
  const iso = (d: Date) => `'${d.toISOString()}'`;
  const group = (column: string, interval: string) => {
    const seconds = INTERVALS[interval.replace(/'/g, '').trim()];
    if (!seconds) throw new Error(`interval ${interval} not known to the test`);
    return `floor(extract(epoch from ${column})/${seconds})*${seconds}`;
  };
  return sql
    .replace(/\$__timeFilter\(([^)]+)\)/g, (_, c: string) => `${c.trim()} BETWEEN ${iso(from)} AND ${iso(to)}`)
    .replace(/\$__timeGroupAlias\(([^,]+),([^)]+)\)/g, (_, c: string, i: string) => `${group(c.trim(), i)} AS "time"`)
    .replace(/\$__timeGroup\(([^,]+),([^)]+)\)/g, (_, c: string, i: string) => group(c.trim(), i))
    .replace(/\$__timeFrom\(\)/g, iso(from))
    .replace(/\$__timeTo\(\)/g, iso(to));
}

const PANELS = DASHBOARDS.flatMap((d) => d.panels.map((p) => ({ dashboard: d.uid, ...p })));

describe('Grafana dashboards as code', () => {
  it.each(DASHBOARDS.map((d) => [d.uid, d] as const))('when %s is built then the committed JSON is current and valid', (uid, spec) => {
    const committed = JSON.parse(readFileSync(`grafana/dashboards/${uid}.json`, 'utf8')) as unknown;

    expect(committed).toEqual(dashboardJson(spec));
    expect(dashboardSchema.safeParse(committed).error?.issues ?? []).toEqual([]);
  });

  it('when docker-compose is read then it mounts the provisioning and dashboards', () => {
    const compose = readFileSync('docker-compose.yml', 'utf8');

    expect(compose).toContain('./grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(compose).toContain('./grafana/dashboards:/var/lib/grafana/dashboards/kis-desk:ro');
    expect(readFileSync('grafana/provisioning/dashboards/kis-desk.yaml', 'utf8')).toContain('/var/lib/grafana/dashboards/kis-desk');
    expect(readFileSync('grafana/provisioning/datasources/kis-desk.yaml', 'utf8')).toContain('uid: kis-desk-views');
  });

  it('when the panels are listed then there are P&L, NAV, orders, risk and cycle, and operations dashboards', () => {
    expect(DASHBOARDS.map((d) => d.uid)).toEqual([
      'kis-desk-nav',
      'kis-desk-pnl',
      'kis-desk-orders',
      'kis-desk-risk-cycle',
      'kis-desk-operations',
    ]);
    expect(PANELS.length).toBeGreaterThanOrEqual(18);
  });
});

describe.each(testDatabaseTargets())('every Grafana panel on a seeded month, $name', (target) => {
  let database: Database;

  beforeAll(async () => {
    database = await target.open();
    await seedDeskMonth(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it.each(PANELS.map((p) => [`${p.dashboard} / ${p.title}`, p] as const))(
    'when "%s" runs as the read-only role then it returns rows with the panel\'s columns',
    async (_name, panel) => {
      const sql = expandGrafanaMacros(panel.sql, SEED_FROM, SEED_TO);
      const rows = await database.db.transaction(async (tx) => {
        await tx.execute('set local role kis_desk_dashboard' as never);
        const result = (await tx.execute(sql as never)) as unknown;
        return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
      });

      expect(rows.length).toBeGreaterThan(0);
      expect(Object.keys(rows[0]!)).toEqual(panel.columns);
      if (panel.format === 'time_series') expect(rows.every((r) => r.time !== null)).toBe(true);
    },
  );

  it('when the range holds no data then every panel returns no rows or nulls, never an error', async () => {
    const empty = [new Date('2020-01-01T00:00:00Z'), new Date('2020-02-01T00:00:00Z')] as const;
    for (const panel of PANELS) {
      const rows = await rowsOf(database, expandGrafanaMacros(panel.sql, ...empty));
      const timed = panel.sql.includes('$__timeFilter');
      if (timed) expect(rows.every((r) => Object.values(r).every((v) => v === null || v === 0 || v === '0'))).toBe(true);
    }
  });
});

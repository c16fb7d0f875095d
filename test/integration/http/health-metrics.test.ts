import { createServer } from 'node:net';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { Database } from '../../../src/adapters/db/client';
import { deskReadinessChecks } from '../../../src/adapters/http/desk-readiness';
import { HttpPortInUseError, startDeskHttpServer, type DeskHttpServer } from '../../../src/adapters/http/server';
import { composeDesk, type DeskRuntime } from '../../../src/compose';
import { loadConfig } from '../../../src/config';
import { kstInstant } from '../../../src/domain/market';
import { seedDeskMonth, type SeedSummary } from '../../support/dashboard-seed';
import { rowsOf } from '../../support/sql-rows';
import { openMigratedPglite } from '../../support/pglite-image';

/** The value of one Prometheus sample line, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health and metrics on a running desk (embedded simulator)', () => {
  let database: Database;
  let runtime: DeskRuntime;
  let server: DeskHttpServer;
  let base: string;
  let seed: SeedSummary;
  let cycleStatus: 'ok' | 'fail' = 'ok';

  beforeAll(async () => {
    database = await openMigratedPglite();
    const clock = new FakeClock(kstInstant('2026-12-01', 10, 0));
    runtime = await composeDesk(loadConfig({ LOG_LEVEL: 'silent' }), {
      clock,
      database,
      simulator: { rateLimitPerSecond: { real: 200, paper: 200 }, tokenIssueIntervalMs: 0, pingIntervalMs: 3_600_000 },
    });
    seed = await seedDeskMonth(database.db);
    runtime.statusProviders.watch = () => ({ status: cycleStatus, detail: 'watching 2 tickers' });
    server = await startDeskHttpServer({
      host: '127.0.0.1',
      port: 0,
      registry: runtime.metrics.registry,
      readiness: deskReadinessChecks({
        database,
        kisToken: () => runtime.broker.checkAccess!(),
        now: () => clock.now(),
        extra: runtime.statusProviders,
      }),
    });
    base = `http://127.0.0.1:${server.port}`;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await runtime?.close();
    await database?.close();
  });

  it('when /healthz is asked then it answers 200 ok', async () => {
    const response = await fetch(`${base}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('when the desk read a quote then /metrics counts the KIS request by TR id and outcome, with its latency', async () => {
    await runtime.broker.getQuote('069500');

    const text = await (await fetch(`${base}/metrics`)).text();

    expect(sample(text, 'kis_desk_kis_requests_total{tr_id="FHKST01010100",outcome="OK"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'kis_desk_kis_request_duration_seconds_count{tr_id="FHKST01010100"}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('# TYPE kis_desk_kis_egw00201_total counter');
    expect(text).toContain('# TYPE kis_desk_interaction_ack_seconds histogram');
  });

  it('when orders and denials are in the books then /metrics shows order outcomes, denials by code, cycle steps and model cost', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();

    expect(sample(text, 'kis_desk_guard_denials{code="MAX_ORDER_VALUE"}')).toBe(seed.denialsByCode.MAX_ORDER_VALUE);
    expect(sample(text, 'kis_desk_orders{status="REJECTED",side="BUY"}')).toBe(1);
    expect(sample(text, 'kis_desk_orders{status="FILLED",side="SELL"}')).toBe(2);
    expect(sample(text, 'kis_desk_cycle_step_duration_seconds{step="briefing",status="DONE"}')).toBeGreaterThan(0);
    expect(sample(text, 'kis_desk_model_cost_usd{model="gpt-4o-mini"}')).toBeCloseTo(seed.llmCostMicroUsd / 1e6, 6);
    expect(sample(text, 'kis_desk_model_tokens{model="gpt-4o-mini",kind="input"}')).toBeGreaterThan(0);
  });

  it('when the KIS counts are flushed then dashboard.kis_requests holds the quote request', async () => {
    await runtime.close();
    const rows = await rowsOf(
      database,
      "select sum(requests) as n from dashboard.kis_requests where tr_id = 'FHKST01010100' and time >= '2026-12-01T00:00:00+09:00'",
    );

    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(1);
  });

  it('when /readyz is asked then it names every part, and a failing provider makes it 503', async () => {
    const ok = await fetch(`${base}/readyz`);
    const okBody = (await ok.json()) as { ready: boolean; checks: { name: string; status: string }[] };
    cycleStatus = 'fail';
    const failing = await fetch(`${base}/readyz`);
    const failingBody = (await failing.json()) as { ready: boolean; checks: { name: string; status: string }[] };

    expect(okBody.checks.map((c) => c.name)).toEqual([
      'database',
      'kis_token',
      'kis_websocket',
      'discord_gateway',
      'scheduler_leader',
      'last_cycle',
      'canary',
      'watch',
      'jobs',
    ]);
    expect(Object.fromEntries(okBody.checks.map((c) => [c.name, c.status]))).toMatchObject({
      database: 'ok',
      discord_gateway: 'skip',
      last_cycle: 'ok',
      canary: 'ok',
      watch: 'ok',
    });
    expect([ok.status, okBody.ready]).toEqual([200, true]);
    expect([failing.status, failingBody.ready]).toEqual([503, false]);
    expect(failingBody.checks.find((c) => c.name === 'watch')?.status).toBe('fail');
  });

  it('when an unknown route or a write method is asked then it is 404 or 405', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});

describe('the health server', () => {
  it('when the port is taken then starting says so, naming HTTP_PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;

    const error = await startDeskHttpServer({ host: '127.0.0.1', port, registry: new Registry(), readiness: [] }).then(
      () => null,
      (e: unknown) => e,
    );
    blocker.close();

    expect(error).toBeInstanceOf(HttpPortInUseError);
    expect(String((error as Error).message)).toContain(`port 127.0.0.1:${port} is already in use`);
    expect(String((error as Error).message)).toContain('HTTP_PORT');
  });

  it('when a token is set then every route but /healthz needs it', async () => {
    const token = 'a-long-dashboard-token-123';
    const server = await startDeskHttpServer({ host: '127.0.0.1', port: 0, registry: new Registry(), readiness: [], token });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/metrics?token=wrong`)).status).toBe(401);
      expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await fetch(`${base}/readyz?token=${token}`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/client';
import { sql } from 'drizzle-orm';

export interface KisRequestObservation {
  /** TR id, or the path for calls without one (token issuance). */
  trId: string;
  /** 'OK', KIS msg_cd (e.g. 'EGW00201'), 'HTTP_<status>', 'TIMEOUT' or 'NETWORK'. */
  outcome: string;
  seconds: number;
}

export interface DeskMetrics {
  registry: Registry;
  observeKisRequest(e: KisRequestObservation): void;
  /** Time from an interaction's creation to its first acknowledgement (reply, defer, modal). */
  observeInteractionAck(seconds: number, kind: string): void;
}

async function rows(database: Database, query: string): Promise<Record<string, unknown>[]> {
  const result = (await database.db.execute(sql.raw(query))) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) ?? [];
}

/**
 * The desk's Prometheus registry. KIS traffic and interaction latency are counted in the process; order
 * outcomes, guard denials, cycle steps and model usage are read from the dashboard views at scrape time, so
 * they survive restarts and agree with the dashboards.
 */
export function createDeskMetrics(deps: { database: Database; defaultMetrics?: boolean }): DeskMetrics {
  const registry = new Registry();
  if (deps.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'kis_desk_' });
  const { database } = deps;

  const kisRequests = new Counter({
    name: 'kis_desk_kis_requests_total',
    help: 'KIS REST requests by TR id and outcome (OK, msg_cd, HTTP_<status>, TIMEOUT, NETWORK)',
    labelNames: ['tr_id', 'outcome'],
    registers: [registry],
  });
  const egw00201 = new Counter({
    name: 'kis_desk_kis_egw00201_total',
    help: 'KIS answers EGW00201 (requests per second exceeded)',
    labelNames: ['tr_id'],
    registers: [registry],
  });
  const kisLatency = new Histogram({
    name: 'kis_desk_kis_request_duration_seconds',
    help: 'KIS REST request latency until the response headers',
    labelNames: ['tr_id'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const interactionAck = new Histogram({
    name: 'kis_desk_interaction_ack_seconds',
    help: 'Discord interaction acknowledgement latency (Discord allows 3 s)',
    labelNames: ['kind'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });

  new Gauge({
    name: 'kis_desk_orders',
    help: 'Orders by status (dashboard.orders)',
    labelNames: ['status', 'side'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows(database, 'select status, side, count(*) as n from dashboard.orders group by 1, 2'))
        this.set({ status: String(r.status), side: String(r.side) }, Number(r.n));
    },
  });
  new Gauge({
    name: 'kis_desk_guard_denials',
    help: 'Risk guard denials by code (dashboard.guard_denials)',
    labelNames: ['code'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows(database, 'select code, count(*) as n from dashboard.guard_denials group by 1'))
        this.set({ code: String(r.code) }, Number(r.n));
    },
  });
  new Gauge({
    name: 'kis_desk_cycle_step_duration_seconds',
    help: "Duration of each step of the latest daily cycle run (dashboard.cycle_steps)",
    labelNames: ['step', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const latest = await rows(
        database,
        `select step, status, coalesce(duration_s, 0) as d from dashboard.cycle_steps
          where run_id = (select run_id from dashboard.cycle_runs order by trade_date desc limit 1)`,
      );
      for (const r of latest) this.set({ step: String(r.step), status: String(r.status) }, Number(r.d));
    },
  });
  new Gauge({
    name: 'kis_desk_cycle_runs',
    help: 'Daily cycle runs by status (dashboard.cycle_runs)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows(database, 'select status, count(*) as n from dashboard.cycle_runs group by 1'))
        this.set({ status: String(r.status) }, Number(r.n));
    },
  });
  new Gauge({
    name: 'kis_desk_model_tokens',
    help: 'Model tokens used, by model and kind (dashboard.assistant_usage)',
    labelNames: ['model', 'kind'],
    registers: [registry],
    async collect() {
      this.reset();
      const sums = await rows(
        database,
        'select model, sum(input_tokens) as i, sum(output_tokens) as o from dashboard.assistant_usage group by 1',
      );
      for (const r of sums) {
        this.set({ model: String(r.model), kind: 'input' }, Number(r.i));
        this.set({ model: String(r.model), kind: 'output' }, Number(r.o));
      }
    },
  });
  new Gauge({
    name: 'kis_desk_model_cost_usd',
    help: 'Model cost in USD, by model (dashboard.assistant_usage)',
    labelNames: ['model'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows(database, 'select model, sum(cost_usd) as c from dashboard.assistant_usage group by 1'))
        this.set({ model: String(r.model) }, Number(r.c));
    },
  });

  return {
    registry,
    observeKisRequest({ trId, outcome, seconds }) {
      kisRequests.inc({ tr_id: trId, outcome });
      if (outcome === 'EGW00201') egw00201.inc({ tr_id: trId });
      kisLatency.observe({ tr_id: trId }, seconds);
    },
    observeInteractionAck(seconds, kind) {
      interactionAck.observe({ kind }, seconds);
    },
  };
}

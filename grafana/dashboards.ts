/**
 * The Grafana dashboards as code. `npx tsx grafana/dashboards.ts` writes grafana/dashboards/*.json, which the
 * provisioning mounts; test/integration/dashboard/grafana.test.ts checks the files are current and runs every
 * panel's SQL (macros expanded as Grafana does) against PGlite and Postgres. Panels read only schema dashboard.
 */
export interface PanelSpec {
  title: string;
  type: 'timeseries' | 'table' | 'stat' | 'barchart' | 'piechart';
  sql: string;
  /** Columns the panel reads; the test asserts the query returns exactly these. */
  columns: string[];
  format?: 'time_series' | 'table';
  unit?: string;
  width?: number;
}

export interface DashboardSpec {
  uid: string;
  title: string;
  panels: PanelSpec[];
}

export const DATASOURCE = { type: 'grafana-postgresql-datasource', uid: 'kis-desk-views' } as const;

export const DASHBOARDS: DashboardSpec[] = [
  {
    uid: 'kis-desk-nav',
    title: 'kis-desk · 순자산 (NAV)',
    panels: [
      {
        title: '순자산과 하한 (NAV and floor)',
        type: 'timeseries',
        format: 'time_series',
        unit: 'currencyKRW',
        sql: 'SELECT time, nav AS "순자산", nav_floor AS "하한" FROM dashboard.nav_daily WHERE $__timeFilter(time) ORDER BY time',
        columns: ['time', '순자산', '하한'],
        width: 16,
      },
      {
        title: '최근 순자산 (latest NAV)',
        type: 'stat',
        unit: 'currencyKRW',
        sql: 'SELECT nav FROM dashboard.nav_daily WHERE $__timeFilter(time) ORDER BY time DESC LIMIT 1',
        columns: ['nav'],
        width: 8,
      },
      {
        title: '고점 대비 하락률 (drawdown %)',
        type: 'timeseries',
        format: 'time_series',
        unit: 'percent',
        sql: 'SELECT time, drawdown_pct AS "하락률" FROM dashboard.nav_daily WHERE $__timeFilter(time) ORDER BY time',
        columns: ['time', '하락률'],
        width: 16,
      },
      {
        title: '보유 비중 (holdings weight %)',
        type: 'piechart',
        format: 'table',
        unit: 'percent',
        sql: 'SELECT ticker, weight_pct FROM dashboard.holdings ORDER BY weight_pct DESC',
        columns: ['ticker', 'weight_pct'],
        width: 8,
      },
    ],
  },
  {
    uid: 'kis-desk-pnl',
    title: 'kis-desk · 손익 (P&L)',
    panels: [
      {
        title: '일별 손익 (daily P&L)',
        type: 'barchart',
        format: 'table',
        unit: 'currencyKRW',
        sql: `SELECT to_char(trade_date, 'MM-DD') AS day, pnl AS "손익", realised_pnl AS "실현" FROM dashboard.pnl_daily WHERE $__timeFilter(time) ORDER BY trade_date`,
        columns: ['day', '손익', '실현'],
        width: 24,
      },
      {
        title: '월별 손익 (monthly P&L)',
        type: 'table',
        format: 'table',
        sql: `SELECT to_char(month, 'YYYY-MM') AS month, pnl, pnl_pct, realised_pnl, unrealised_pnl FROM dashboard.pnl_monthly WHERE $__timeFilter(time) ORDER BY month`,
        columns: ['month', 'pnl', 'pnl_pct', 'realised_pnl', 'unrealised_pnl'],
        width: 12,
      },
      {
        title: 'ETF별 실현·미실현 (by ETF)',
        type: 'table',
        format: 'table',
        sql: 'SELECT ticker, quantity, cost_basis, market_value, realised_pnl, unrealised_pnl FROM dashboard.pnl_by_etf ORDER BY ticker',
        columns: ['ticker', 'quantity', 'cost_basis', 'market_value', 'realised_pnl', 'unrealised_pnl'],
        width: 12,
      },
    ],
  },
  {
    uid: 'kis-desk-orders',
    title: 'kis-desk · 주문 (orders)',
    panels: [
      {
        title: '주문 내역 (orders with status history)',
        type: 'table',
        format: 'table',
        sql: 'SELECT time, ticker, side, quantity, limit_price, status, filled_quantity, average_fill_price, fees, reject_code, status_history FROM dashboard.orders WHERE $__timeFilter(time) ORDER BY time DESC',
        columns: ['time', 'ticker', 'side', 'quantity', 'limit_price', 'status', 'filled_quantity', 'average_fill_price', 'fees', 'reject_code', 'status_history'],
        width: 24,
      },
      {
        title: '주문 결과 (orders by status)',
        type: 'barchart',
        format: 'table',
        sql: 'SELECT status, count(*) AS orders FROM dashboard.orders WHERE $__timeFilter(time) GROUP BY status ORDER BY status',
        columns: ['status', 'orders'],
        width: 12,
      },
      {
        title: '체결 (fills)',
        type: 'table',
        format: 'table',
        sql: 'SELECT time, ticker, side, quantity, price, amount, fee FROM dashboard.fills WHERE $__timeFilter(time) ORDER BY time DESC',
        columns: ['time', 'ticker', 'side', 'quantity', 'price', 'amount', 'fee'],
        width: 12,
      },
    ],
  },
  {
    uid: 'kis-desk-risk-cycle',
    title: 'kis-desk · 리스크와 사이클 (risk and cycle)',
    panels: [
      {
        title: '가드 거부 코드별 (guard denials by code)',
        type: 'barchart',
        format: 'table',
        sql: 'SELECT code, count(*) AS denials FROM dashboard.guard_denials WHERE $__timeFilter(time) GROUP BY code ORDER BY denials DESC',
        columns: ['code', 'denials'],
        width: 12,
      },
      {
        title: '거래 상태 변경 (trading state)',
        type: 'table',
        format: 'table',
        sql: 'SELECT time, previous_state, state, reason, actor FROM dashboard.trading_state WHERE $__timeFilter(time) ORDER BY time DESC',
        columns: ['time', 'previous_state', 'state', 'reason', 'actor'],
        width: 12,
      },
      {
        title: '일일 사이클 (cycle runs)',
        type: 'table',
        format: 'table',
        sql: 'SELECT trade_date, status, trigger, attempts, duration_s, steps_done, steps_failed, last_error FROM dashboard.cycle_runs WHERE $__timeFilter(time) ORDER BY trade_date DESC',
        columns: ['trade_date', 'status', 'trigger', 'attempts', 'duration_s', 'steps_done', 'steps_failed', 'last_error'],
        width: 12,
      },
      {
        title: '단계별 소요 시간 (step durations, s)',
        type: 'timeseries',
        format: 'time_series',
        unit: 's',
        sql: "SELECT $__timeGroupAlias(time, '1d'), step AS metric, avg(duration_s) AS value FROM dashboard.cycle_steps WHERE $__timeFilter(time) GROUP BY 1, 2 ORDER BY 1",
        columns: ['time', 'metric', 'value'],
        width: 12,
      },
      {
        title: '감시 목록 (watchlist)',
        type: 'table',
        format: 'table',
        sql: 'SELECT ticker, conditions, overrides, added_by, time AS added_at FROM dashboard.watchlist ORDER BY ticker',
        columns: ['ticker', 'conditions', 'overrides', 'added_by', 'added_at'],
        width: 12,
      },
      {
        title: '감시 발동 (watch firings)',
        type: 'table',
        format: 'table',
        sql: 'SELECT time, ticker, condition, kind, severity, price FROM dashboard.watch_firings WHERE $__timeFilter(time) ORDER BY time DESC',
        columns: ['time', 'ticker', 'condition', 'kind', 'severity', 'price'],
        width: 12,
      },
    ],
  },
  {
    uid: 'kis-desk-operations',
    title: 'kis-desk · 운영 (operations)',
    panels: [
      {
        title: 'KIS 요청 (requests by TR)',
        type: 'timeseries',
        format: 'time_series',
        sql: "SELECT $__timeGroupAlias(time, '1h'), tr_id AS metric, sum(requests) AS value FROM dashboard.kis_requests WHERE $__timeFilter(time) GROUP BY 1, 2 ORDER BY 1",
        columns: ['time', 'metric', 'value'],
        width: 12,
      },
      {
        title: 'EGW00201 (초당 한도 초과)',
        type: 'stat',
        sql: 'SELECT coalesce(sum(egw00201), 0) AS egw00201 FROM dashboard.kis_requests WHERE $__timeFilter(time)',
        columns: ['egw00201'],
        width: 6,
      },
      {
        title: 'KIS 평균 지연 (mean latency, ms)',
        type: 'stat',
        unit: 'ms',
        sql: 'SELECT round(sum(latency_ms_sum)::numeric / nullif(sum(requests), 0), 1) AS latency_ms FROM dashboard.kis_requests WHERE $__timeFilter(time)',
        columns: ['latency_ms'],
        width: 6,
      },
      {
        title: '모델 사용량과 비용 (assistant usage, USD)',
        type: 'timeseries',
        format: 'time_series',
        unit: 'currencyUSD',
        sql: "SELECT $__timeGroupAlias(time, '1d'), sum(cost_usd) AS cost_usd, sum(input_tokens + output_tokens) AS tokens FROM dashboard.assistant_usage WHERE $__timeFilter(time) GROUP BY 1 ORDER BY 1",
        columns: ['time', 'cost_usd', 'tokens'],
        width: 24,
      },
    ],
  },
];

/** One dashboard as Grafana's JSON model (schemaVersion 39, Grafana 11). */
export function dashboardJson(spec: DashboardSpec): Record<string, unknown> {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels = spec.panels.map((p, i) => {
    const w = p.width ?? 12;
    const h = p.type === 'stat' ? 5 : 9;
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { x, y, w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return {
      id: i + 1,
      type: p.type,
      title: p.title,
      datasource: DATASOURCE,
      gridPos,
      fieldConfig: { defaults: p.unit ? { unit: p.unit } : {}, overrides: [] },
      options: {},
      targets: [{ refId: 'A', datasource: DATASOURCE, editorMode: 'code', format: p.format ?? 'table', rawQuery: true, rawSql: p.sql }],
    };
  });
  return {
    uid: spec.uid,
    title: spec.title,
    tags: ['kis-desk'],
    timezone: 'Asia/Seoul',
    schemaVersion: 39,
    version: 1,
    editable: false,
    time: { from: 'now-30d', to: 'now' },
    refresh: '5m',
    templating: { list: [] },
    annotations: { list: [] },
    panels,
  };
}

const isMain = process.argv[1]?.endsWith('grafana/dashboards.ts');
if (isMain) {
  const { writeFileSync } = await import('node:fs');
  for (const spec of DASHBOARDS) {
    writeFileSync(
      new URL(`./dashboards/${spec.uid}.json`, import.meta.url),
      `${JSON.stringify(dashboardJson(spec), null, 2)}\n`,
    );
  }
}

-- The dashboards' contract: read-only views in schema "dashboard". Grafana and the embedded dashboard page read
-- these views and nothing else; the role kis_desk_dashboard may SELECT them and no table.
-- Days are KRX trade dates (KST); "time" columns are timestamptz for Grafana's time filter.
CREATE SCHEMA IF NOT EXISTS dashboard;
--> statement-breakpoint
CREATE VIEW dashboard.nav_daily AS
SELECT
  n.trade_date::date AS trade_date,
  (n.trade_date || 'T00:00:00+09:00')::timestamptz AS time,
  n.nav,
  n.cash,
  n.securities_value,
  f.value AS nav_floor,
  max(n.nav) OVER w AS peak_nav,
  round((n.nav - max(n.nav) OVER w) * 100.0 / nullif(max(n.nav) OVER w, 0), 4) AS drawdown_pct
FROM nav_snapshots n
LEFT JOIN desk_settings f ON f.key = 'nav_floor'
WHERE n.kind = 'close'
WINDOW w AS (ORDER BY n.trade_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
--> statement-breakpoint
-- Realised P&L per fill on the average-cost basis, replaying each ticker's fills in order exactly as
-- domain/portfolio.ts applyFill does (cost of the sold part rounded down).
CREATE VIEW dashboard.fill_pnl AS
WITH RECURSIVE ordered AS (
  SELECT f.id, f.order_id, f.ticker, f.side, f.quantity, f.price, f.amount, f.fee, f.tax, f.filled_at,
    row_number() OVER (PARTITION BY f.ticker ORDER BY f.filled_at, f.id) AS n
  FROM fills f
), walk AS (
  SELECT o.id, o.order_id, o.ticker, o.side, o.quantity, o.price, o.amount, o.fee, o.tax, o.filled_at, o.n,
    (CASE WHEN o.side = 'BUY' THEN o.quantity ELSE 0 END)::bigint AS held,
    (CASE WHEN o.side = 'BUY' THEN o.amount + o.fee ELSE 0 END)::bigint AS cost,
    (CASE WHEN o.side = 'BUY' THEN 0 ELSE o.amount - o.fee - o.tax END)::bigint AS realised
  FROM ordered o WHERE o.n = 1
  UNION ALL
  SELECT o.id, o.order_id, o.ticker, o.side, o.quantity, o.price, o.amount, o.fee, o.tax, o.filled_at, o.n,
    (CASE WHEN o.side = 'BUY' THEN w.held + o.quantity ELSE greatest(w.held - o.quantity, 0) END)::bigint,
    (CASE
      WHEN o.side = 'BUY' THEN w.cost + o.amount + o.fee
      WHEN w.held <= o.quantity THEN 0
      ELSE w.cost - w.cost * o.quantity / w.held
    END)::bigint,
    (CASE
      WHEN o.side = 'BUY' THEN 0
      WHEN w.held = 0 THEN o.amount - o.fee - o.tax
      ELSE o.amount - o.fee - o.tax - w.cost * least(o.quantity, w.held) / w.held
    END)::bigint
  FROM walk w JOIN ordered o ON o.ticker = w.ticker AND o.n = w.n + 1
)
SELECT
  id AS fill_id,
  order_id,
  filled_at AS time,
  (filled_at AT TIME ZONE 'UTC' + interval '9 hours')::date AS trade_date,
  ticker,
  side,
  quantity,
  price,
  amount,
  fee,
  tax,
  realised AS realised_pnl,
  held AS quantity_after,
  cost AS cost_basis_after
FROM walk;
--> statement-breakpoint
CREATE VIEW dashboard.pnl_daily AS
WITH days AS (
  SELECT trade_date, time, nav, lag(nav) OVER (ORDER BY trade_date) AS previous_nav FROM dashboard.nav_daily
), realised AS (
  SELECT trade_date, sum(realised_pnl)::bigint AS realised_pnl FROM dashboard.fill_pnl GROUP BY trade_date
)
SELECT
  d.trade_date,
  d.time,
  d.nav,
  d.previous_nav,
  d.nav - d.previous_nav AS pnl,
  round((d.nav - d.previous_nav) * 100.0 / nullif(d.previous_nav, 0), 4) AS pnl_pct,
  coalesce(r.realised_pnl, 0)::bigint AS realised_pnl,
  (d.nav - d.previous_nav) - coalesce(r.realised_pnl, 0) AS unrealised_pnl
FROM days d
LEFT JOIN realised r ON r.trade_date = d.trade_date;
--> statement-breakpoint
CREATE VIEW dashboard.pnl_monthly AS
SELECT
  date_trunc('month', trade_date)::date AS month,
  (to_char(date_trunc('month', trade_date), 'YYYY-MM-DD') || 'T00:00:00+09:00')::timestamptz AS time,
  count(*)::integer AS trading_days,
  (array_agg(nav ORDER BY trade_date DESC))[1] AS end_nav,
  sum(coalesce(pnl, 0))::bigint AS pnl,
  round(sum(coalesce(pnl, 0)) * 100.0 / nullif((array_agg(nav ORDER BY trade_date DESC))[1] - sum(coalesce(pnl, 0)), 0), 4) AS pnl_pct,
  sum(realised_pnl)::bigint AS realised_pnl,
  sum(coalesce(unrealised_pnl, 0))::bigint AS unrealised_pnl
FROM dashboard.pnl_daily
GROUP BY date_trunc('month', trade_date);
--> statement-breakpoint
-- The latest close snapshot's holdings with their weight in NAV.
CREATE VIEW dashboard.holdings AS
WITH latest AS (
  SELECT trade_date, nav, positions FROM nav_snapshots WHERE kind = 'close' ORDER BY trade_date DESC LIMIT 1
)
SELECT
  l.trade_date::date AS trade_date,
  p->>'ticker' AS ticker,
  (p->>'quantity')::integer AS quantity,
  (p->>'price')::bigint AS price,
  (p->>'value')::bigint AS market_value,
  round((p->>'value')::bigint * 100.0 / nullif(l.nav, 0), 2) AS weight_pct
FROM latest l, jsonb_array_elements(l.positions) p
WHERE (p->>'quantity')::integer > 0;
--> statement-breakpoint
CREATE VIEW dashboard.pnl_by_etf AS
WITH realised AS (
  SELECT ticker, sum(realised_pnl)::bigint AS realised_pnl FROM dashboard.fill_pnl GROUP BY ticker
), tickers AS (
  SELECT ticker FROM positions UNION SELECT ticker FROM realised
)
SELECT
  t.ticker,
  coalesce(pos.quantity, 0) AS quantity,
  coalesce(pos.cost_basis, 0)::bigint AS cost_basis,
  h.market_value,
  coalesce(r.realised_pnl, 0)::bigint AS realised_pnl,
  (CASE WHEN coalesce(pos.quantity, 0) = 0 THEN 0 ELSE h.market_value - pos.cost_basis END)::bigint AS unrealised_pnl
FROM tickers t
LEFT JOIN positions pos ON pos.ticker = t.ticker
LEFT JOIN realised r ON r.ticker = t.ticker
LEFT JOIN dashboard.holdings h ON h.ticker = t.ticker;
--> statement-breakpoint
CREATE VIEW dashboard.orders AS
SELECT
  o.id AS order_id,
  o.intent_id,
  o.created_at AS time,
  o.ticker,
  o.side,
  o.quantity,
  o.order_type,
  o.limit_price,
  o.status,
  o.filled_quantity,
  o.filled_amount,
  o.fees,
  (CASE WHEN o.filled_quantity > 0 THEN o.filled_amount / o.filled_quantity END)::bigint AS average_fill_price,
  o.reject_code,
  i.source AS intent_source,
  o.submitted_at,
  o.updated_at,
  (SELECT string_agg(e.type, ' → ' ORDER BY e.id) FROM order_events e
    WHERE e.order_id = o.id OR e.intent_id = o.intent_id) AS status_history,
  (SELECT count(*) FROM fills f WHERE f.order_id = o.id)::integer AS fill_count
FROM orders o
JOIN order_intents i ON i.id = o.intent_id;
--> statement-breakpoint
CREATE VIEW dashboard.order_events AS
SELECT e.id AS event_id, e.at AS time, e.order_id, e.intent_id, e.type, e.actor FROM order_events e;
--> statement-breakpoint
CREATE VIEW dashboard.fills AS
SELECT f.id AS fill_id, f.filled_at AS time, f.order_id, f.ticker, f.side, f.quantity, f.price, f.amount, f.fee,
  f.tax, f.source
FROM fills f;
--> statement-breakpoint
CREATE VIEW dashboard.guard_denials AS
SELECT e.at AS time, e.intent_id, i.ticker, i.side, i.quantity, i.source AS intent_source, e.data->>'code' AS code
FROM order_events e
LEFT JOIN order_intents i ON i.id = e.intent_id
WHERE e.type = 'GUARD_DENIED';
--> statement-breakpoint
CREATE VIEW dashboard.cycle_runs AS
SELECT
  r.id AS run_id,
  r.trade_date::date AS trade_date,
  r.started_at AS time,
  r.status,
  r.trigger,
  r.attempts,
  r.finished_at,
  extract(epoch FROM (r.finished_at - r.started_at))::float8 AS duration_s,
  r.last_error,
  (SELECT count(*) FROM daily_run_steps s WHERE s.run_id = r.id AND s.status = 'DONE')::integer AS steps_done,
  (SELECT count(*) FROM daily_run_steps s WHERE s.run_id = r.id AND s.status = 'FAILED')::integer AS steps_failed
FROM daily_runs r;
--> statement-breakpoint
CREATE VIEW dashboard.cycle_steps AS
SELECT
  s.run_id,
  r.trade_date::date AS trade_date,
  coalesce(s.started_at, r.started_at) AS time,
  s.step,
  s.status,
  s.attempts,
  s.started_at,
  s.finished_at,
  extract(epoch FROM (s.finished_at - s.started_at))::float8 AS duration_s,
  s.error
FROM daily_run_steps s
JOIN daily_runs r ON r.id = s.run_id;
--> statement-breakpoint
CREATE VIEW dashboard.kis_requests AS
SELECT
  bucket AS time,
  tr_id,
  outcome,
  requests,
  (CASE WHEN outcome = 'EGW00201' THEN requests ELSE 0 END) AS egw00201,
  latency_ms_sum,
  latency_ms_max
FROM kis_request_counts;
--> statement-breakpoint
CREATE VIEW dashboard.assistant_usage AS
SELECT
  u.at AS time,
  u.trade_date::date AS trade_date,
  u.purpose,
  u.model,
  u.input_tokens,
  u.output_tokens,
  u.cost_micro_usd,
  u.cost_micro_usd / 1000000.0 AS cost_usd
FROM llm_usage u;
--> statement-breakpoint
CREATE VIEW dashboard.trading_state AS
SELECT t.at AS time, t.state, t.previous_state, t.reason, t.actor FROM trading_state_changes t;
--> statement-breakpoint
CREATE VIEW dashboard.canary_runs AS
SELECT c.trade_date::date AS trade_date, c.last_at AS time, c.status, c.attempts, c.reason FROM canary_runs c;
--> statement-breakpoint
-- The read-only role. Roles belong to the cluster, so it may exist already (another database, a re-run); a
-- migrating user without CREATEROLE skips it with a notice (grafana/README.md says how to create it by hand).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kis_desk_dashboard') THEN
    CREATE ROLE kis_desk_dashboard NOLOGIN;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'kis_desk_dashboard not created: the migrating user lacks CREATEROLE';
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kis_desk_dashboard') THEN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO kis_desk_dashboard', current_database());
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM kis_desk_dashboard;
    GRANT USAGE ON SCHEMA dashboard TO kis_desk_dashboard;
    GRANT SELECT ON ALL TABLES IN SCHEMA dashboard TO kis_desk_dashboard;
    ALTER DEFAULT PRIVILEGES IN SCHEMA dashboard GRANT SELECT ON TABLES TO kis_desk_dashboard;
  END IF;
END
$$;

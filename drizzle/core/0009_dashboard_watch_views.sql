-- The watch in the dashboards' contract: the watchlist and the firings that were posted. Read by the embedded
-- dashboard page and Grafana like the other views in schema "dashboard".
CREATE VIEW dashboard.watchlist AS
SELECT
  w.ticker,
  (SELECT string_agg(c, ', ' ORDER BY c) FROM jsonb_array_elements_text(w.conditions) c) AS conditions,
  w.overrides::text AS overrides,
  w.added_by,
  w.added_at AS time
FROM watchlist w;
--> statement-breakpoint
CREATE VIEW dashboard.watch_firings AS
SELECT
  f.id AS firing_id,
  f.fired_at AS time,
  f.trade_date::date AS trade_date,
  f.ticker,
  f.condition,
  f.kind,
  f.severity,
  f.price,
  f.intent_id
FROM watch_firings f;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kis_desk_dashboard') THEN
    GRANT SELECT ON dashboard.watchlist, dashboard.watch_firings TO kis_desk_dashboard;
  END IF;
END
$$;

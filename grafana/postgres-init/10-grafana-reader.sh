#!/bin/sh
# Runs once when the Postgres volume is created: the login Grafana uses. Its only privilege is membership of
# kis_desk_dashboard (created by the desk's migrations), i.e. SELECT on schema "dashboard".
set -e
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kis_desk_dashboard') THEN
    CREATE ROLE kis_desk_dashboard NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kis_desk_grafana') THEN
    CREATE ROLE kis_desk_grafana LOGIN PASSWORD '${GRAFANA_DB_PASSWORD:-grafana}' IN ROLE kis_desk_dashboard;
  END IF;
END \$\$;
SQL

-- order_events is the audit log: rows are appended, never changed or removed.
CREATE OR REPLACE FUNCTION order_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'order_events is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER order_events_no_update_delete
  BEFORE UPDATE OR DELETE ON order_events
  FOR EACH ROW EXECUTE FUNCTION order_events_append_only();
--> statement-breakpoint
CREATE TRIGGER trading_state_changes_no_update_delete
  BEFORE UPDATE OR DELETE ON trading_state_changes
  FOR EACH ROW EXECUTE FUNCTION order_events_append_only();

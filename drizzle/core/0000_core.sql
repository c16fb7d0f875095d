CREATE TABLE "account_book" (
	"id" text PRIMARY KEY NOT NULL,
	"cash" bigint NOT NULL,
	"fees_paid" bigint DEFAULT 0 NOT NULL,
	"realized_pnl" bigint DEFAULT 0 NOT NULL,
	"synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb,
	"dedupe_key" text,
	"at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "daily_run_steps" (
	"run_id" uuid NOT NULL,
	"step" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"output" jsonb,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "daily_run_steps_pk" PRIMARY KEY("run_id","step")
);
--> statement-breakpoint
CREATE TABLE "daily_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trade_date" text NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fills" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"cumulative_quantity" integer NOT NULL,
	"ticker" text NOT NULL,
	"side" text NOT NULL,
	"quantity" integer NOT NULL,
	"price" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"fee" bigint NOT NULL,
	"tax" bigint DEFAULT 0 NOT NULL,
	"source" text NOT NULL,
	"filled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kis_token_cache" (
	"key_id" text PRIMARY KEY NOT NULL,
	"ciphertext" text,
	"expires_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"last_issue_attempt_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "llm_usage" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" uuid,
	"purpose" text NOT NULL,
	"model" text NOT NULL,
	"input_tokens" integer NOT NULL,
	"output_tokens" integer NOT NULL,
	"cost_micro_usd" bigint NOT NULL,
	"trade_date" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nav_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"trade_date" text NOT NULL,
	"kind" text NOT NULL,
	"nav" bigint NOT NULL,
	"cash" bigint NOT NULL,
	"securities_value" bigint NOT NULL,
	"positions" jsonb NOT NULL,
	"taken_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "news_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"source" text NOT NULL,
	"summary" text NOT NULL,
	"tickers" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_at" timestamp with time zone,
	"fetched_at" timestamp with time zone NOT NULL,
	"memory_id" text
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid,
	"intent_id" uuid,
	"type" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_intents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"proposer" text NOT NULL,
	"session_id" uuid,
	"daily_run_id" uuid,
	"idempotency_key" text,
	"ticker" text NOT NULL,
	"side" text NOT NULL,
	"quantity" integer NOT NULL,
	"order_type" text NOT NULL,
	"limit_price" bigint,
	"rationale" text NOT NULL,
	"precheck" jsonb NOT NULL,
	"status" text NOT NULL,
	"environment" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"card_ref" jsonb
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"intent_id" uuid NOT NULL,
	"environment" text NOT NULL,
	"ticker" text NOT NULL,
	"side" text NOT NULL,
	"quantity" integer NOT NULL,
	"order_type" text NOT NULL,
	"limit_price" bigint,
	"status" text NOT NULL,
	"broker_order_id" text,
	"broker_org_no" text,
	"filled_quantity" integer DEFAULT 0 NOT NULL,
	"filled_amount" bigint DEFAULT 0 NOT NULL,
	"fees" bigint DEFAULT 0 NOT NULL,
	"reject_code" text,
	"reject_message" text,
	"unknown_reason" text,
	"reconcile_attempts" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"last_reconciled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"ticker" text PRIMARY KEY NOT NULL,
	"quantity" integer NOT NULL,
	"cost_basis" bigint NOT NULL,
	"realized_pnl" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"role" text NOT NULL,
	"content" text NOT NULL,
	"tool_calls" jsonb,
	"tool_call_id" text,
	"author_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_key" text NOT NULL,
	"channel" text NOT NULL,
	"owner_user_id" text NOT NULL,
	"title" text NOT NULL,
	"locale" text DEFAULT 'ko' NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"summarized_at" timestamp with time zone,
	"summary_memory_id" text
);
--> statement-breakpoint
CREATE TABLE "trading_state_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"previous_state" text,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "daily_run_steps" ADD CONSTRAINT "daily_run_steps_run_id_daily_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."daily_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fills" ADD CONSTRAINT "fills_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_intents" ADD CONSTRAINT "order_intents_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_intent_id_order_intents_id_fk" FOREIGN KEY ("intent_id") REFERENCES "public"."order_intents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_dedupe_key_uq" ON "alerts" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "alerts_at_idx" ON "alerts" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_runs_trade_date_uq" ON "daily_runs" USING btree ("trade_date");--> statement-breakpoint
CREATE UNIQUE INDEX "fills_order_cumulative_uq" ON "fills" USING btree ("order_id","cumulative_quantity");--> statement-breakpoint
CREATE INDEX "llm_usage_trade_date_idx" ON "llm_usage" USING btree ("trade_date");--> statement-breakpoint
CREATE UNIQUE INDEX "nav_snapshots_date_kind_uq" ON "nav_snapshots" USING btree ("trade_date","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "news_items_url_uq" ON "news_items" USING btree ("url");--> statement-breakpoint
CREATE INDEX "news_items_published_idx" ON "news_items" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "order_events_intent_idx" ON "order_events" USING btree ("intent_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_intents_idempotency_key_uq" ON "order_intents" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "order_intents_status_expires_idx" ON "order_intents" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "order_intents_session_idx" ON "order_intents" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_intent_uq" ON "orders" USING btree ("intent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_broker_order_uq" ON "orders" USING btree ("environment","broker_order_id");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "session_messages_session_seq_uq" ON "session_messages" USING btree ("session_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_thread_key_uq" ON "sessions" USING btree ("thread_key");--> statement-breakpoint
CREATE INDEX "sessions_status_activity_idx" ON "sessions" USING btree ("status","last_activity_at");--> statement-breakpoint
CREATE INDEX "trading_state_changes_at_idx" ON "trading_state_changes" USING btree ("at");
CREATE TABLE "watch_firings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticker" text NOT NULL,
	"condition" text NOT NULL,
	"trade_date" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"price" bigint NOT NULL,
	"numbers" jsonb NOT NULL,
	"intent_id" uuid,
	"fired_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watchlist" (
	"ticker" text PRIMARY KEY NOT NULL,
	"conditions" jsonb NOT NULL,
	"overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "watch_firings_once_per_day_uq" ON "watch_firings" USING btree ("ticker","condition","trade_date");--> statement-breakpoint
CREATE INDEX "watch_firings_fired_at_idx" ON "watch_firings" USING btree ("fired_at");
CREATE TABLE "job_runs" (
	"job_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"singleton_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"requested_by" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"worker" text,
	"error" text,
	"output" jsonb,
	"queued_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "job_runs_kind_key_idx" ON "job_runs" USING btree ("kind","singleton_key");--> statement-breakpoint
CREATE INDEX "job_runs_queued_at_idx" ON "job_runs" USING btree ("queued_at");
CREATE TABLE "desk_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kis_request_counts" (
	"bucket" timestamp with time zone NOT NULL,
	"tr_id" text NOT NULL,
	"outcome" text NOT NULL,
	"requests" integer NOT NULL,
	"latency_ms_sum" bigint NOT NULL,
	"latency_ms_max" integer NOT NULL,
	CONSTRAINT "kis_request_counts_pk" PRIMARY KEY("bucket","tr_id","outcome")
);

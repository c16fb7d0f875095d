CREATE TABLE "decision_scores" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"intent_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"source" text NOT NULL,
	"baseline" text NOT NULL,
	"person" text,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_on" text NOT NULL,
	"ticker" text NOT NULL,
	"side" text NOT NULL,
	"quantity" integer NOT NULL,
	"reference_price" bigint NOT NULL,
	"exposure" integer NOT NULL,
	"due_1" text NOT NULL,
	"due_5" text NOT NULL,
	"due_20" text NOT NULL,
	"close_1" bigint,
	"close_5" bigint,
	"close_20" bigint,
	"effect_1" bigint,
	"effect_5" bigint,
	"effect_20" bigint
);
--> statement-breakpoint
CREATE UNIQUE INDEX "decision_scores_intent_decision_uq" ON "decision_scores" USING btree ("intent_id","decision");--> statement-breakpoint
CREATE INDEX "decision_scores_decided_on_idx" ON "decision_scores" USING btree ("decided_on");
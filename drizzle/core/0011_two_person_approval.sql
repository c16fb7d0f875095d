ALTER TABLE "order_intents" ADD COLUMN "first_approved_by" text;--> statement-breakpoint
ALTER TABLE "order_intents" ADD COLUMN "first_approved_at" timestamp with time zone;
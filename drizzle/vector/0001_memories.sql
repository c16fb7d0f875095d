CREATE TABLE "memories" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"date" text NOT NULL,
	"tickers" text[] DEFAULT '{}'::text[] NOT NULL,
	"thread_id" text,
	"source" text,
	"embedder" text NOT NULL,
	"embedding" vector(512) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "memories_embedding_hnsw_idx" ON "memories" USING hnsw ("embedding" vector_cosine_ops);--> statement-breakpoint
CREATE INDEX "memories_kind_date_idx" ON "memories" USING btree ("kind","date");
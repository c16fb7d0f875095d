CREATE TABLE "publications" (
	"key" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);

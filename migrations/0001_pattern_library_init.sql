CREATE TABLE "pattern_effectiveness" (
	"pattern_id" text PRIMARY KEY NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	"passes" integer DEFAULT 0 NOT NULL,
	"success_sum" double precision DEFAULT 0 NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pattern_learned_examples" (
	"id" serial PRIMARY KEY NOT NULL,
	"pattern_id" text NOT NULL,
	"pattern_name" text NOT NULL,
	"node_type" text,
	"session_id" text,
	"score" double precision NOT NULL,
	"code" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pattern_template_uses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"template_id" integer NOT NULL,
	"session_id" text,
	"saved_micros" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pattern_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"signature_key" text NOT NULL,
	"node_type" text NOT NULL,
	"verb" text NOT NULL,
	"method_name" text NOT NULL,
	"entity" text NOT NULL,
	"features" jsonb NOT NULL,
	"pattern" text,
	"params" jsonb NOT NULL,
	"body" text NOT NULL,
	"tags" text DEFAULT '<% %>' NOT NULL,
	"parameters" jsonb NOT NULL,
	"score" double precision NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"session_id" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"saved_micros" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pattern_templates_signature_key_unique" UNIQUE("signature_key")
);
--> statement-breakpoint
CREATE TABLE "pattern_usage" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pattern_id" text NOT NULL,
	"passed" boolean NOT NULL,
	"score" double precision NOT NULL,
	"session_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pattern_template_uses" ADD CONSTRAINT "pattern_template_uses_template_id_pattern_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."pattern_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pattern_learned_examples_pattern_idx" ON "pattern_learned_examples" USING btree ("pattern_id","score");--> statement-breakpoint
CREATE INDEX "pattern_template_uses_template_idx" ON "pattern_template_uses" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "pattern_templates_bucket_idx" ON "pattern_templates" USING btree ("node_type","verb");--> statement-breakpoint
CREATE INDEX "pattern_usage_pattern_idx" ON "pattern_usage" USING btree ("pattern_id");
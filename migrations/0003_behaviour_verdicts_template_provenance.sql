ALTER TABLE "llm_generation_history" ADD COLUMN "behaviour" jsonb;--> statement-breakpoint
ALTER TABLE "llm_generation_metrics" ADD COLUMN "verdict" varchar(16);--> statement-breakpoint
ALTER TABLE "llm_generation_metrics" ADD COLUMN "examples_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "llm_generation_metrics" ADD COLUMN "examples_passed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pattern_templates" ADD COLUMN "origin" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "pattern_templates" ADD COLUMN "generation_id" text;--> statement-breakpoint
ALTER TABLE "pattern_templates" ADD COLUMN "model" text;--> statement-breakpoint
ALTER TABLE "pattern_templates" ADD COLUMN "checks" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "pattern_templates" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "llm_generation_metrics" ADD CONSTRAINT "llm_generation_metrics_verdict_ck" CHECK (verdict IN ('passed', 'passed-static', 'failed', 'incomplete', 'unchecked'));--> statement-breakpoint
ALTER TABLE "llm_generation_metrics" ADD CONSTRAINT "llm_generation_metrics_examples_ck" CHECK ("llm_generation_metrics"."examples_passed" >= 0 AND "llm_generation_metrics"."examples_passed" <= "llm_generation_metrics"."examples_total");
CREATE TABLE "generation_passes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"correlation_id" uuid NOT NULL,
	"session_id" uuid,
	"method_name" varchar(255) NOT NULL,
	"pass_number" integer NOT NULL,
	"kind" varchar(16) NOT NULL,
	"provider" varchar(100),
	"model" varchar(100) NOT NULL,
	"tokens_input" integer NOT NULL,
	"tokens_output" integer NOT NULL,
	"cost_micro_usd" bigint NOT NULL,
	"latency_ms" double precision NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_passes_correlation_method_pass_uq" UNIQUE("correlation_id","method_name","pass_number"),
	CONSTRAINT "generation_passes_kind_ck" CHECK (kind IN ('plan', 'code', 'self-review', 'review')),
	CONSTRAINT "generation_passes_numbers_ck" CHECK ("generation_passes"."pass_number" >= 1 AND "generation_passes"."tokens_input" >= 0 AND "generation_passes"."tokens_output" >= 0 AND "generation_passes"."cost_micro_usd" >= 0 AND "generation_passes"."latency_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "eval_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"suite" text NOT NULL,
	"label" text,
	"strategies" jsonb NOT NULL,
	"models" jsonb NOT NULL,
	"repeat" integer NOT NULL,
	"cases" integer NOT NULL,
	"provider" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"strategy" varchar(100) NOT NULL,
	"model" varchar(100) NOT NULL,
	"case_name" text NOT NULL,
	"method" varchar(255) NOT NULL,
	"repeat" integer NOT NULL,
	"examples" integer NOT NULL,
	"examples_passed" integer NOT NULL,
	"verdict" varchar(16) NOT NULL,
	"static_passed" boolean NOT NULL,
	"attempts" integer NOT NULL,
	"tokens_input" integer NOT NULL,
	"tokens_output" integer NOT NULL,
	"cost_micro_usd" integer NOT NULL,
	"latency_ms" double precision NOT NULL,
	"prompt_version" varchar(100),
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "llm_generation_metrics" ADD COLUMN "prompt_version" varchar(100);--> statement-breakpoint
ALTER TABLE "eval_samples" ADD CONSTRAINT "eval_samples_run_id_eval_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."eval_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_generation_passes_correlation" ON "generation_passes" USING btree ("correlation_id");--> statement-breakpoint
CREATE INDEX "idx_eval_runs_created" ON "eval_runs" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_eval_samples_run" ON "eval_samples" USING btree ("run_id");
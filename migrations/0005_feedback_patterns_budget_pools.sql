CREATE TABLE "llm_budget_pools" (
	"name" varchar(100) PRIMARY KEY NOT NULL,
	"parent" varchar(100),
	"period" varchar(16),
	"limit_micro_usd" bigint,
	"mode" varchar(8),
	"lend" boolean,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "llm_budget_pools_limit_ck" CHECK ("llm_budget_pools"."limit_micro_usd" >= 0),
	CONSTRAINT "llm_budget_pools_period_ck" CHECK ("llm_budget_pools"."period" in ('day', 'week', 'month', 'all')),
	CONSTRAINT "llm_budget_pools_mode_ck" CHECK ("llm_budget_pools"."mode" in ('hard', 'soft'))
);
--> statement-breakpoint
ALTER TABLE "llm_generation_history" ADD COLUMN "pattern_ids" jsonb;
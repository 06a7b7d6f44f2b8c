ALTER TABLE "llm_generation_metrics" DROP CONSTRAINT "llm_generation_metrics_attempts_ck";--> statement-breakpoint
ALTER TABLE "llm_response_cache" ADD COLUMN "generation_id" uuid;--> statement-breakpoint
ALTER TABLE "llm_generation_metrics" ADD CONSTRAINT "llm_generation_metrics_attempts_ck" CHECK ("llm_generation_metrics"."attempts" >= 0);
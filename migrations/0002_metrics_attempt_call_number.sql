ALTER TABLE "llm_call_attempts" DROP CONSTRAINT "llm_call_attempts_correlation_attempt_uq";--> statement-breakpoint
ALTER TABLE "llm_call_attempts" ADD COLUMN "call_number" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "llm_call_attempts" ADD CONSTRAINT "llm_call_attempts_correlation_call_attempt_uq" UNIQUE("correlation_id","call_number","attempt");--> statement-breakpoint
ALTER TABLE "llm_call_attempts" ADD CONSTRAINT "llm_call_attempts_call_number_ck" CHECK ("llm_call_attempts"."call_number" >= 1);
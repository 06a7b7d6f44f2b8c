CREATE TABLE "llm_call_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"correlation_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"retry_number" integer DEFAULT 0 NOT NULL,
	"node_type" varchar(50),
	"provider" varchar(100) NOT NULL,
	"model" varchar(100) NOT NULL,
	"tier" varchar(50),
	"status" varchar(20) NOT NULL,
	"error_class" varchar(100),
	"http_status" integer,
	"latency_ms" double precision NOT NULL,
	"time_to_first_token_ms" double precision,
	"tokens_input" integer DEFAULT 0 NOT NULL,
	"tokens_output" integer DEFAULT 0 NOT NULL,
	"tokens_cached" integer DEFAULT 0 NOT NULL,
	"tokens_reasoning" integer DEFAULT 0 NOT NULL,
	"cost_micro_usd" bigint DEFAULT 0 NOT NULL,
	"cache_hit" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "llm_call_attempts_correlation_attempt_uq" UNIQUE("correlation_id","attempt"),
	CONSTRAINT "llm_call_attempts_status_ck" CHECK (status IN ('success', 'error', 'timeout', 'cancelled')),
	CONSTRAINT "llm_call_attempts_node_type_ck" CHECK (node_type IN ('effect', 'compute', 'reducer', 'orchestrator')),
	CONSTRAINT "llm_call_attempts_attempt_ck" CHECK ("llm_call_attempts"."attempt" >= 1),
	CONSTRAINT "llm_call_attempts_retry_ck" CHECK ("llm_call_attempts"."retry_number" >= 0),
	CONSTRAINT "llm_call_attempts_latency_ck" CHECK ("llm_call_attempts"."latency_ms" >= 0),
	CONSTRAINT "llm_call_attempts_ttft_ck" CHECK ("llm_call_attempts"."time_to_first_token_ms" >= 0),
	CONSTRAINT "llm_call_attempts_tokens_ck" CHECK ("llm_call_attempts"."tokens_input" >= 0 AND "llm_call_attempts"."tokens_output" >= 0 AND "llm_call_attempts"."tokens_cached" >= 0 AND "llm_call_attempts"."tokens_reasoning" >= 0),
	CONSTRAINT "llm_call_attempts_cost_ck" CHECK ("llm_call_attempts"."cost_micro_usd" >= 0),
	CONSTRAINT "llm_call_attempts_http_status_ck" CHECK ("llm_call_attempts"."http_status" BETWEEN 100 AND 599)
);
--> statement-breakpoint
CREATE TABLE "context_builds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"correlation_id" uuid NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"node_type" varchar(50) NOT NULL,
	"method_name" varchar(255) NOT NULL,
	"build_ms" double precision NOT NULL,
	"total_tokens" integer NOT NULL,
	"budget_tokens" integer NOT NULL,
	"tokens_per_section" jsonb NOT NULL,
	"truncated_sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"patterns_included" integer DEFAULT 0 NOT NULL,
	"patterns_available" integer DEFAULT 0 NOT NULL,
	"references_included" integer DEFAULT 0 NOT NULL,
	"references_available" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "context_builds_correlation_method_attempt_uq" UNIQUE("correlation_id","method_name","attempt"),
	CONSTRAINT "context_builds_node_type_ck" CHECK (node_type IN ('effect', 'compute', 'reducer', 'orchestrator')),
	CONSTRAINT "context_builds_attempt_ck" CHECK ("context_builds"."attempt" >= 1),
	CONSTRAINT "context_builds_build_ms_ck" CHECK ("context_builds"."build_ms" >= 0),
	CONSTRAINT "context_builds_tokens_ck" CHECK ("context_builds"."total_tokens" >= 0 AND "context_builds"."budget_tokens" > 0),
	CONSTRAINT "context_builds_patterns_ck" CHECK ("context_builds"."patterns_included" >= 0 AND "context_builds"."patterns_included" <= "context_builds"."patterns_available"),
	CONSTRAINT "context_builds_references_ck" CHECK ("context_builds"."references_included" >= 0 AND "context_builds"."references_included" <= "context_builds"."references_available")
);
--> statement-breakpoint
CREATE TABLE "llm_context_windows" (
	"provider" varchar(100) NOT NULL,
	"model" varchar(100) NOT NULL,
	"tier" varchar(50),
	"context_window" integer NOT NULL,
	"max_output_tokens" integer,
	"input_micro_usd_per_mtok" bigint DEFAULT 0 NOT NULL,
	"output_micro_usd_per_mtok" bigint DEFAULT 0 NOT NULL,
	"cached_input_micro_usd_per_mtok" bigint,
	"supports_streaming" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "llm_context_windows_pk" PRIMARY KEY("provider","model"),
	CONSTRAINT "llm_context_windows_context_ck" CHECK ("llm_context_windows"."context_window" > 0),
	CONSTRAINT "llm_context_windows_max_output_ck" CHECK ("llm_context_windows"."max_output_tokens" > 0),
	CONSTRAINT "llm_context_windows_price_ck" CHECK ("llm_context_windows"."input_micro_usd_per_mtok" >= 0 AND "llm_context_windows"."output_micro_usd_per_mtok" >= 0 AND "llm_context_windows"."cached_input_micro_usd_per_mtok" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fallback_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"correlation_id" uuid NOT NULL,
	"node_type" varchar(50) NOT NULL,
	"method_name" varchar(255) NOT NULL,
	"strategy" varchar(32) NOT NULL,
	"reason" text NOT NULL,
	"attempts" integer NOT NULL,
	"success" boolean NOT NULL,
	"duration_ms" double precision DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fallback_events_correlation_method_attempts_uq" UNIQUE("correlation_id","method_name","attempts"),
	CONSTRAINT "fallback_events_strategy_ck" CHECK (strategy IN ('retry', 'escalate', 'template', 'partial', 'accept')),
	CONSTRAINT "fallback_events_node_type_ck" CHECK (node_type IN ('effect', 'compute', 'reducer', 'orchestrator')),
	CONSTRAINT "fallback_events_attempts_ck" CHECK ("fallback_events"."attempts" >= 1),
	CONSTRAINT "fallback_events_duration_ck" CHECK ("fallback_events"."duration_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "llm_generation_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"correlation_id" uuid NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"node_type" varchar(50) NOT NULL,
	"method_name" varchar(255) NOT NULL,
	"prompt_text" text NOT NULL,
	"generated_code" text NOT NULL,
	"quality_score" double precision,
	"validation_passed" boolean NOT NULL,
	"user_accepted" boolean,
	"user_feedback" text,
	"manual_edits_required" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "llm_generation_history_correlation_method_attempt_uq" UNIQUE("correlation_id","method_name","attempt"),
	CONSTRAINT "llm_generation_history_node_type_ck" CHECK (node_type IN ('effect', 'compute', 'reducer', 'orchestrator')),
	CONSTRAINT "llm_generation_history_quality_ck" CHECK ("llm_generation_history"."quality_score" >= 0 AND "llm_generation_history"."quality_score" <= 1),
	CONSTRAINT "llm_generation_history_attempt_ck" CHECK ("llm_generation_history"."attempt" >= 1)
);
--> statement-breakpoint
CREATE TABLE "llm_generation_metrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"correlation_id" uuid NOT NULL,
	"session_id" uuid,
	"node_type" varchar(50) NOT NULL,
	"service_name" varchar(255) NOT NULL,
	"method_name" varchar(255) NOT NULL,
	"operation_type" varchar(100),
	"tier" varchar(50) NOT NULL,
	"provider" varchar(100),
	"model" varchar(100) NOT NULL,
	"tokens_input" integer NOT NULL,
	"tokens_output" integer NOT NULL,
	"tokens_total" integer NOT NULL,
	"latency_ms" double precision NOT NULL,
	"cost_micro_usd" bigint NOT NULL,
	"syntax_valid" boolean DEFAULT false NOT NULL,
	"onex_compliant" boolean DEFAULT false NOT NULL,
	"has_type_hints" boolean DEFAULT false NOT NULL,
	"validation_passed" boolean DEFAULT false NOT NULL,
	"security_issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"quality_score" double precision,
	"strategy" varchar(32) DEFAULT 'llm' NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"finish_reason" varchar(50),
	"truncated" boolean DEFAULT false NOT NULL,
	"prompt_length" integer,
	"response_length" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "llm_generation_metrics_correlation_method_uq" UNIQUE("correlation_id","method_name"),
	CONSTRAINT "llm_generation_metrics_node_type_ck" CHECK (node_type IN ('effect', 'compute', 'reducer', 'orchestrator')),
	CONSTRAINT "llm_generation_metrics_strategy_ck" CHECK (strategy IN ('llm', 'cache', 'learned_template', 'pattern', 'retry', 'template_fallback', 'partial')),
	CONSTRAINT "llm_generation_metrics_tokens_input_ck" CHECK ("llm_generation_metrics"."tokens_input" >= 0),
	CONSTRAINT "llm_generation_metrics_tokens_output_ck" CHECK ("llm_generation_metrics"."tokens_output" >= 0),
	CONSTRAINT "llm_generation_metrics_tokens_total_ck" CHECK ("llm_generation_metrics"."tokens_total" >= 0),
	CONSTRAINT "llm_generation_metrics_latency_ck" CHECK ("llm_generation_metrics"."latency_ms" >= 0),
	CONSTRAINT "llm_generation_metrics_cost_ck" CHECK ("llm_generation_metrics"."cost_micro_usd" >= 0),
	CONSTRAINT "llm_generation_metrics_quality_ck" CHECK ("llm_generation_metrics"."quality_score" >= 0 AND "llm_generation_metrics"."quality_score" <= 1),
	CONSTRAINT "llm_generation_metrics_attempts_ck" CHECK ("llm_generation_metrics"."attempts" >= 1),
	CONSTRAINT "llm_generation_metrics_prompt_length_ck" CHECK ("llm_generation_metrics"."prompt_length" >= 0),
	CONSTRAINT "llm_generation_metrics_response_length_ck" CHECK ("llm_generation_metrics"."response_length" >= 0)
);
--> statement-breakpoint
CREATE TABLE "llm_budget_spend" (
	"scope_key" varchar(200) NOT NULL,
	"period" varchar(64) NOT NULL,
	"spent_micro_usd" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "llm_budget_spend_pk" PRIMARY KEY("scope_key","period"),
	CONSTRAINT "llm_budget_spend_spent_ck" CHECK ("llm_budget_spend"."spent_micro_usd" >= 0)
);
--> statement-breakpoint
CREATE TABLE "llm_response_cache" (
	"key_hash" varchar(128) PRIMARY KEY NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ttl_ms" bigint,
	"expires_at" timestamp with time zone,
	"hits" integer DEFAULT 0 NOT NULL,
	"last_hit_at" timestamp with time zone,
	CONSTRAINT "llm_response_cache_ttl_ck" CHECK ("llm_response_cache"."ttl_ms" > 0),
	CONSTRAINT "llm_response_cache_hits_ck" CHECK ("llm_response_cache"."hits" >= 0)
);
--> statement-breakpoint
CREATE INDEX "idx_llm_attempts_created" ON "llm_call_attempts" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_llm_attempts_provider_created" ON "llm_call_attempts" USING btree ("provider","created_at");--> statement-breakpoint
CREATE INDEX "idx_llm_attempts_model_created" ON "llm_call_attempts" USING btree ("model","created_at");--> statement-breakpoint
CREATE INDEX "idx_context_builds_created" ON "context_builds" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_fallback_events_created" ON "fallback_events" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_fallback_events_strategy" ON "fallback_events" USING btree ("strategy");--> statement-breakpoint
CREATE INDEX "idx_llm_history_quality" ON "llm_generation_history" USING btree ("quality_score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_llm_history_created" ON "llm_generation_history" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_llm_metrics_session" ON "llm_generation_metrics" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "idx_llm_metrics_created" ON "llm_generation_metrics" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_llm_metrics_node_type_created" ON "llm_generation_metrics" USING btree ("node_type","created_at");--> statement-breakpoint
CREATE INDEX "idx_llm_metrics_model_created" ON "llm_generation_metrics" USING btree ("model","created_at");--> statement-breakpoint
CREATE INDEX "idx_llm_metrics_service" ON "llm_generation_metrics" USING btree ("service_name");--> statement-breakpoint
CREATE INDEX "idx_llm_response_cache_expires" ON "llm_response_cache" USING btree ("expires_at");
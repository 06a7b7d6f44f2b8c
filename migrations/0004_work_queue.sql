CREATE TABLE "queue_method_results" (
	"run_id" uuid NOT NULL,
	"node_key" varchar(200) NOT NULL,
	"method" varchar(200) NOT NULL,
	"job_attempt" integer NOT NULL,
	"ok" boolean NOT NULL,
	"result" jsonb NOT NULL,
	"worker" varchar(200) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "queue_method_results_pk" PRIMARY KEY("run_id","node_key","method")
);
--> statement-breakpoint
CREATE TABLE "queue_nodes" (
	"run_id" uuid NOT NULL,
	"node_key" varchar(200) NOT NULL,
	"position" integer NOT NULL,
	"methods" jsonb NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb,
	"assembled_by" varchar(200),
	"assembled_at" timestamp with time zone,
	CONSTRAINT "queue_nodes_pk" PRIMARY KEY("run_id","node_key")
);
--> statement-breakpoint
CREATE TABLE "queue_runs" (
	"run_id" uuid PRIMARY KEY NOT NULL,
	"state" varchar(16) DEFAULT 'queued' NOT NULL,
	"options" jsonb NOT NULL,
	"nodes_total" integer NOT NULL,
	"methods_total" integer NOT NULL,
	"retry_limit" integer NOT NULL,
	"job_expire_seconds" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "queue_runs_state_ck" CHECK (state IN ('queued', 'done', 'cancelled')),
	CONSTRAINT "queue_runs_totals_ck" CHECK ("queue_runs"."nodes_total" >= 0 AND "queue_runs"."methods_total" >= 0)
);
--> statement-breakpoint
ALTER TABLE "queue_method_results" ADD CONSTRAINT "queue_method_results_run_id_queue_runs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."queue_runs"("run_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_nodes" ADD CONSTRAINT "queue_nodes_run_id_queue_runs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."queue_runs"("run_id") ON DELETE cascade ON UPDATE no action;
CREATE TABLE "llm_prompt_texts" (
	"hash" varchar(64) PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "llm_generation_history" ADD COLUMN "system_prompt_hash" varchar(64);--> statement-breakpoint
ALTER TABLE "llm_generation_history" ADD CONSTRAINT "llm_generation_history_system_prompt_hash_llm_prompt_texts_hash_fk" FOREIGN KEY ("system_prompt_hash") REFERENCES "public"."llm_prompt_texts"("hash") ON DELETE no action ON UPDATE no action;
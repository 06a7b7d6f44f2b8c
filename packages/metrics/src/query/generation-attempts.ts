// What a generation's model attempts were sent and answered, with each prompt whole again: a
// history row that names its system prompt (llm_prompt_texts) holds only what followed it.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { MetricsDb } from '../db/open-database.js';
import { rowsOf } from '../db/rows.js';
import { parseOrThrow } from '../validate.js';

export interface GenerationAttempt {
  methodName: string;
  attempt: number;
  /** the system prompt, when the row named one (otherwise it is inside `prompt`) */
  systemPrompt: string | null;
  /** the prompt as it was recorded: after the system prompt when there is one */
  promptText: string;
  /** the whole prompt: the system prompt, a blank line, the rest (as the pipeline records it) */
  prompt: string;
  generatedCode: string;
  validationPassed: boolean;
  qualityScore: number | null;
  /** the attempt's behaviour check as recorded (status, examples run / passed / failed, issues), if one ran */
  behaviour: Record<string, unknown> | null;
  createdAt: Date;
}

const idSchema = z.uuid();

/** Every attempt recorded for a generation (its correlation id), by method then attempt. */
export async function generationAttempts(db: MetricsDb, correlationId: string): Promise<GenerationAttempt[]> {
  const id = parseOrThrow(idSchema, 'correlationId', correlationId);
  const rows = rowsOf<{
    method_name: string;
    attempt: number;
    system_prompt: string | null;
    prompt_text: string;
    generated_code: string;
    validation_passed: boolean;
    quality_score: number | string | null;
    behaviour: Record<string, unknown> | null;
    created_at: string | Date;
  }>(
    await db.execute(sql`
      select h.method_name, h.attempt, t.text as system_prompt, h.prompt_text, h.generated_code,
             h.validation_passed, h.quality_score, h.behaviour, h.created_at
        from llm_generation_history h
        left join llm_prompt_texts t on t.hash = h.system_prompt_hash
       where h.correlation_id = ${id}
       order by h.method_name, h.attempt`),
  );
  return rows.map((r) => ({
    methodName: r.method_name,
    attempt: Number(r.attempt),
    systemPrompt: r.system_prompt,
    promptText: r.prompt_text,
    prompt: r.system_prompt === null ? r.prompt_text : `${r.system_prompt}\n\n${r.prompt_text}`,
    generatedCode: r.generated_code,
    validationPassed: r.validation_passed,
    qualityScore: r.quality_score === null ? null : Number(r.quality_score),
    behaviour: r.behaviour,
    createdAt: new Date(r.created_at),
  }));
}

// The prompts a generation's attempts were sent, whole again: a history row that names its system
// prompt (llm_prompt_texts) holds only what followed it.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { MetricsDb } from '../db/open-database.js';
import { rowsOf } from '../db/rows.js';
import { parseOrThrow } from '../validate.js';

export interface GenerationPrompt {
  methodName: string;
  attempt: number;
  /** the system prompt, when the row named one (otherwise it is inside `prompt`) */
  systemPrompt: string | null;
  /** the prompt as it was recorded: after the system prompt when there is one */
  promptText: string;
  /** the whole prompt: the system prompt, a blank line, the rest (as the pipeline records it) */
  prompt: string;
}

const idSchema = z.uuid();

/** Every attempt recorded for a generation (correlation id), by method then attempt. */
export async function generationPrompts(db: MetricsDb, correlationId: string): Promise<GenerationPrompt[]> {
  const id = parseOrThrow(idSchema, 'correlationId', correlationId);
  const rows = rowsOf<{ method_name: string; attempt: number; system_prompt: string | null; prompt_text: string }>(
    await db.execute(sql`
      select h.method_name, h.attempt, t.text as system_prompt, h.prompt_text
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
  }));
}

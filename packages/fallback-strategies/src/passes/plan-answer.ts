// Pass 1 of multi-pass: the plan a model writes before any code — steps, edge cases, and the
// examples the code must satisfy — as a zod-checked JSON object. An answer that is not such an
// object is still used (as plain text, bounded) and recorded as unstructured: a plan in prose
// helps the code pass as well, and dropping it would waste the call.
import { z } from 'zod';
import { parseJsonAnswer } from './json-answer.js';

export const planSchema = z.object({
  steps: z.array(z.string().min(1)).min(1),
  edge_cases: z.array(z.string().min(1)).default([]),
  examples: z.array(z.string().min(1)).default([]),
});
export type Plan = z.output<typeof planSchema>;

export interface ParsedPlan {
  structured: boolean;
  plan?: Plan;
  /** the plan as the code prompt shows it */
  text: string;
  error?: string;
}

const MAX_PLAN_CHARS = 4000;

export function parsePlanAnswer(answer: string): ParsedPlan {
  const parsed = parseJsonAnswer(answer, planSchema);
  if (parsed.ok) {
    const p = parsed.value;
    const list = (items: string[]) => items.map((s) => `- ${s}`).join('\n');
    const text = [`Steps:\n${p.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`, p.edge_cases.length ? `Edge cases:\n${list(p.edge_cases)}` : '', p.examples.length ? `Examples to satisfy:\n${list(p.examples)}` : '']
      .filter(Boolean)
      .join('\n\n');
    return { structured: true, plan: p, text };
  }
  return { structured: false, text: answer.trim().slice(0, MAX_PLAN_CHARS), error: parsed.error };
}

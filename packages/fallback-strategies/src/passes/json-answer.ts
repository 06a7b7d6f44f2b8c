// A model's structured answer: the JSON object in a ```json fence, else the outermost {...} of the
// text, checked with zod. What fails says why (no object, bad JSON, which field), never a guess.
import type { ZodType } from 'zod';

export type JsonAnswer<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseJsonAnswer<T>(text: string, schema: ZodType<T>): JsonAnswer<T> {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/i.exec(text)?.[1];
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  const raw = fenced?.trim().startsWith('{') ? fenced : start >= 0 && end > start ? text.slice(start, end + 1) : undefined;
  if (raw === undefined) return { ok: false, error: 'the answer holds no JSON object' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    return { ok: false, error: `the answer's JSON does not parse: ${(err as Error).message}` };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ') };
}

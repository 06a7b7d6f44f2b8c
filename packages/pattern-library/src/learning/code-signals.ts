import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DATA_DIR } from '../data-dir.js';
import { PatternLibraryError, describeZodIssues } from '../errors.js';

const ruleSchema = z
  .object({
    callee: z.string().optional(),
    callee_suffix: z.string().optional(),
    callee_prefix: z.string().optional(),
    arg_includes: z.string().optional(),
    keyword: z.string().optional(),
    decorator_includes: z.string().optional(),
    statement: z.string().optional(),
  })
  .strict()
  .refine((r) => Object.keys(r).length > 0, 'a rule needs at least one condition');

export type SignalRule = z.infer<typeof ruleSchema>;
export type SignalTable = Record<string, SignalRule[]>;

const fileSchema = z.record(z.string().regex(/^[a-z0-9_]+$/), z.array(ruleSchema).min(1));

export const CODE_SIGNALS_FILE = join(DATA_DIR, 'code-signals.yaml');

export function loadSignalTable(file: string = CODE_SIGNALS_FILE): SignalTable {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new PatternLibraryError('DATA_INVALID', `cannot read code signals file ${file}`, { cause });
  }
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    throw new PatternLibraryError('DATA_INVALID', `${file}: ${describeZodIssues(result.error.issues)}`, { cause: result.error });
  }
  return result.data;
}

/** A rule in words, for evidence lines ("callee ends with .acquire"). */
export function describeRule(rule: SignalRule): string {
  const parts: string[] = [];
  if (rule.callee) parts.push(`call ${rule.callee}`);
  if (rule.callee_suffix) parts.push(`call ending ${rule.callee_suffix}`);
  if (rule.callee_prefix) parts.push(`call starting ${rule.callee_prefix}`);
  if (rule.arg_includes) parts.push(`argument containing ${rule.arg_includes}`);
  if (rule.keyword) parts.push(`keyword ${rule.keyword}=`);
  if (rule.decorator_includes) parts.push(`decorator ${rule.decorator_includes}`);
  if (rule.statement) parts.push(`${rule.statement.replace(/_/g, ' ')}`);
  return parts.join(' with ');
}

// Turns caller input into rows ready to write: validated, with id and creation time fixed ONCE, so
// a row that waits in the spool keeps its identity and timestamp and is never inserted twice.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { InvalidRecordError } from '../errors.js';
import { RECORD_SCHEMAS, type RecordKind } from './inputs.js';

export type Row = Record<string, unknown>;

const INSERT_KINDS = new Set<RecordKind>(['generation', 'attempt', 'contextBuild', 'pass', 'fallback', 'history']);

export function normalizeRows(kind: RecordKind, inputs: readonly unknown[], now: () => Date): Row[] {
  const schema: z.ZodType = RECORD_SCHEMAS[kind];
  const issues: { path: string; message: string }[] = [];
  const rows: Row[] = [];
  inputs.forEach((input, index) => {
    const result = schema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.map(String).join('.');
        issues.push({ path: inputs.length > 1 ? `[${index}]${field ? `.${field}` : ''}` : field, message: issue.message });
      }
      return;
    }
    rows.push(complete(kind, result.data as Row, now));
  });
  if (issues.length > 0) throw new InvalidRecordError(kind, issues);
  return rows;
}

function complete(kind: RecordKind, row: Row, now: () => Date): Row {
  if (kind === 'contextWindow') return { ...row, updatedAt: now() };
  if (!INSERT_KINDS.has(kind)) return row;
  const out: Row = { ...row, id: row.id ?? randomUUID(), createdAt: row.createdAt ?? now() };
  if (kind === 'generation' && out.tokensTotal === undefined) {
    out.tokensTotal = (out.tokensInput as number) + (out.tokensOutput as number);
  }
  return out;
}

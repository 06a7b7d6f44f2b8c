// Which CRUD body an operation gets, by the verb its name carries (data/crud-operations.yaml).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DATA_DIR } from '../data-dir.js';
import { PatternLibraryError, describeZodIssues } from '../errors.js';
import { words } from '../features/tokenize.js';

export const CRUD_OPERATION_KINDS = ['create', 'list', 'read', 'update', 'delete'] as const;
export type CrudOperationKind = (typeof CRUD_OPERATION_KINDS)[number];

const verbs = z.array(z.string().regex(/^[a-z0-9]+$/, 'must be one lower-case word')).min(1);
const fileSchema = z.strictObject(Object.fromEntries(CRUD_OPERATION_KINDS.map((k) => [k, verbs])) as Record<CrudOperationKind, typeof verbs>);

export const CRUD_OPERATIONS_FILE = join(DATA_DIR, 'crud-operations.yaml');
let table: [CrudOperationKind, Set<string>][] | undefined;

function load(): [CrudOperationKind, Set<string>][] {
  if (table) return table;
  let raw: unknown;
  try {
    raw = parse(readFileSync(CRUD_OPERATIONS_FILE, 'utf8'));
  } catch (cause) {
    throw new PatternLibraryError('DATA_INVALID', `${CRUD_OPERATIONS_FILE} cannot be read as YAML`, { cause });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new PatternLibraryError('DATA_INVALID', `${CRUD_OPERATIONS_FILE}: ${describeZodIssues(parsed.error.issues)}`);
  // the file's key order is the order kinds are tried in (list before read: list_users is a list)
  table = Object.keys(parsed.data).map((k) => [k as CrudOperationKind, new Set(parsed.data[k as CrudOperationKind])]);
  return table;
}

/** create_user -> create, list_users -> list, get_user -> read; health_check -> undefined. */
export function crudOperationKind(operation: string): CrudOperationKind | undefined {
  const w = words(operation);
  return load().find(([, set]) => w.some((word) => set.has(word)))?.[0];
}

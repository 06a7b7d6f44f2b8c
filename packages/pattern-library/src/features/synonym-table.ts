import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DATA_DIR } from '../data-dir.js';
import { PatternLibraryError, describeZodIssues } from '../errors.js';

const featureKey = z.string().regex(/^[a-z0-9]+(_[a-z0-9]+)*$/, 'must be a snake_case key');
const synonymFileSchema = z.record(featureKey, z.array(z.string().min(1)).min(1));

/** canonical key -> phrases, as written in a synonyms file */
export type SynonymTable = Record<string, string[]>;

export const DEFAULT_SYNONYMS_FILE = join(DATA_DIR, 'feature-synonyms.yaml');

/** Reads and validates a synonyms YAML file; errors name the file and the offending key. */
export function loadSynonymTable(file: string = DEFAULT_SYNONYMS_FILE): SynonymTable {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new PatternLibraryError('DATA_INVALID', `cannot read synonyms file ${file}`, { cause });
  }
  const result = synonymFileSchema.safeParse(raw);
  if (!result.success) {
    throw new PatternLibraryError('DATA_INVALID', `${file}: ${describeZodIssues(result.error.issues)}`, {
      cause: result.error,
    });
  }
  return result.data;
}

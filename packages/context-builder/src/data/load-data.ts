// Reads the shipped YAML data files once per process, validated with zod; a broken file fails
// with its name and the offending field.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { DATA_DIR } from '../data-dir.js';
import { ContextBuilderError, describeZodIssues } from '../errors.js';
import {
  BudgetFileSchema,
  EncodingsFileSchema,
  GuidanceFileSchema,
  IoKindsFileSchema,
  MixinsFileSchema,
  OnexRulesFileSchema,
  VariantsFileSchema,
} from './data-files.js';

const cache = new Map<string, unknown>();

/** Parses and validates one YAML file; `path` is absolute or relative to the package's data/. */
export function loadYamlData<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  const hit = cache.get(path);
  if (hit !== undefined) return hit as z.output<S>;
  const full = path.startsWith('/') ? path : join(DATA_DIR, path);
  let raw: unknown;
  try {
    raw = parse(readFileSync(full, 'utf8'));
  } catch (cause) {
    throw new ContextBuilderError('DATA_INVALID', `cannot read data file ${full}`, { cause });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ContextBuilderError('DATA_INVALID', `${full}: ${describeZodIssues(result.error.issues)}`, { cause: result.error });
  }
  cache.set(path, result.data);
  return result.data;
}

export const loadBudgetData = () => loadYamlData('budget.yaml', BudgetFileSchema);
export const loadEncodingsData = () => loadYamlData('encodings.yaml', EncodingsFileSchema);
export const loadOnexRulesData = () => loadYamlData('onex-rules.yaml', OnexRulesFileSchema);
export const loadVariantsData = (path = 'variants.yaml') => loadYamlData(path, VariantsFileSchema);
export const loadMixinsData = (path = 'mixins.yaml') => loadYamlData(path, MixinsFileSchema);
export const loadGuidanceData = () => loadYamlData('reference-guidance.yaml', GuidanceFileSchema);
export const loadIoKindsData = () => loadYamlData('io-kinds.yaml', IoKindsFileSchema);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { catalogEntrySchema } from '../config/schema.js';
import { DATA_DIR } from '../data-dir.js';
import { LLMValidationError } from '../errors.js';

export type CatalogEntry = z.output<typeof catalogEntrySchema> & { id: string };
export type ModelCatalog = ReadonlyMap<string, CatalogEntry>;

const catalogFileSchema = z.object({ models: z.record(z.string(), catalogEntrySchema) }).strict();

/**
 * Reads the shipped catalog (data/models.yaml, or `file`), validates it, and lays `extra`
 * entries (the config's `catalog` section) over it.
 */
export function loadModelCatalog(options: { file?: string; extra?: Record<string, unknown> } = {}): ModelCatalog {
  const file = options.file ?? join(DATA_DIR, 'models.yaml');
  const result = catalogFileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new LLMValidationError(`model catalog ${file}`, issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
  const map = new Map<string, CatalogEntry>();
  for (const [id, entry] of Object.entries(result.data.models)) map.set(id, { ...entry, id });
  return extendCatalog(map, options.extra ?? {});
}

/** A copy of `base` with `extra` entries (validated) laid over it. */
export function extendCatalog(base: ModelCatalog, extra: Record<string, unknown>): ModelCatalog {
  const map = new Map(base);
  for (const [id, raw] of Object.entries(extra)) {
    const parsed = catalogEntrySchema.safeParse(raw);
    if (!parsed.success) throw new LLMValidationError('catalog entry', `catalog.${id}.${parsed.error.issues[0]?.path.join('.')}`, parsed.error.issues[0]?.message ?? 'invalid');
    map.set(id, { ...parsed.data, id });
  }
  return map;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DATA_DIR } from '../data-dir.js';
import { PatternLibraryError, describeZodIssues } from '../errors.js';
import type { ContractPatternKind } from '../types.js';

const KINDS = ['CRUD', 'Transformation', 'Aggregation', 'Orchestration', 'EventProcessing'] as const satisfies readonly ContractPatternKind[];
const word = z.string().regex(/^[a-z0-9]+$/, 'must be one lower-case word');
const kindSchema = z.object({
  groups: z.record(z.string(), z.array(word).min(1)),
  indicators: z.array(word).default([]),
});
const fileSchema = z.object(Object.fromEntries(KINDS.map((k) => [k, kindSchema])) as Record<ContractPatternKind, typeof kindSchema>).strict();

export interface KeywordHit {
  kind: ContractPatternKind;
  /** group name, or null for an indicator word */
  group: string | null;
  keyword: string;
}

export interface KeywordTable {
  kinds: readonly ContractPatternKind[];
  groupCount: Record<ContractPatternKind, number>;
  /** every accepted word form -> what it is evidence for */
  forms: Map<string, KeywordHit[]>;
}

export const CONTRACT_PATTERNS_FILE = join(DATA_DIR, 'contract-patterns.yaml');

/** The inflected forms a keyword also matches as a whole word: create -> creates, created, creating. */
export function inflections(keyword: string): string[] {
  const forms = new Set([keyword, `${keyword}s`, `${keyword}es`, `${keyword}ed`, `${keyword}ing`]);
  if (keyword.endsWith('e')) {
    forms.add(`${keyword}d`);
    forms.add(`${keyword.slice(0, -1)}ing`);
  }
  if (keyword.endsWith('y')) {
    forms.add(`${keyword.slice(0, -1)}ies`);
    forms.add(`${keyword.slice(0, -1)}ied`);
  }
  // map -> mapping, mapped; set -> setting (short consonant-vowel-consonant words double)
  if (/^[a-z]*[^aeiou][aeiou][^aeiouwxy]$/.test(keyword) && keyword.length <= 4) {
    const last = keyword.at(-1);
    forms.add(`${keyword}${last}ing`);
    forms.add(`${keyword}${last}ed`);
  }
  return [...forms];
}

export function loadKeywordTable(file: string = CONTRACT_PATTERNS_FILE): KeywordTable {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new PatternLibraryError('DATA_INVALID', `cannot read contract pattern file ${file}`, { cause });
  }
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    throw new PatternLibraryError('DATA_INVALID', `${file}: ${describeZodIssues(result.error.issues)}`, { cause: result.error });
  }
  const forms = new Map<string, KeywordHit[]>();
  const add = (keyword: string, hit: KeywordHit): void => {
    for (const form of inflections(keyword)) {
      const list = forms.get(form) ?? [];
      if (!list.some((h) => h.kind === hit.kind && h.group === hit.group)) list.push(hit);
      forms.set(form, list);
    }
  };
  const groupCount = {} as Record<ContractPatternKind, number>;
  for (const kind of KINDS) {
    const spec = result.data[kind];
    groupCount[kind] = Object.keys(spec.groups).length;
    for (const [group, keywords] of Object.entries(spec.groups)) for (const k of keywords) add(k, { kind, group, keyword: k });
    for (const k of spec.indicators) add(k, { kind, group: null, keyword: k });
  }
  return { kinds: KINDS, groupCount, forms };
}

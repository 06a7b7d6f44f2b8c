import { PatternLibraryError, describeZodIssues } from '../errors.js';
import { words } from '../features/tokenize.js';
import type { ContractPatternKind, DetectedPattern } from '../types.js';
import { contractSchema, contractTexts, type Contract } from './contract-schema.js';
import { loadKeywordTable, type KeywordTable } from './keyword-table.js';

// Group coverage carries the confidence; indicator words can add at most 0.05 on top, so a full
// CRUD contract reaches 0.95 on its verbs alone and half of CRUD stays near 0.5.
const GROUP_WEIGHT = 0.95;
const INDICATOR_WEIGHT = 0.05;
const INDICATORS_FOR_FULL_BONUS = 2;

let table: KeywordTable | undefined;
const keywordTable = (): KeywordTable => (table ??= loadKeywordTable());

export function parseContract(contract: unknown): Contract {
  const result = contractSchema.safeParse(contract);
  if (!result.success) {
    throw new PatternLibraryError('CONTRACT_INVALID', `contract: ${describeZodIssues(result.error.issues)}`, { cause: result.error });
  }
  return result.data;
}

export interface KindAnalysis extends DetectedPattern {
  /** the keyword groups with at least one hit, e.g. CRUD: create, read */
  groups: string[];
}

/** Every contract pattern kind with its confidence, evidence and groups, strongest first (ties in table order). */
export function analyseContract(contract: unknown): KindAnalysis[] {
  const t = keywordTable();
  const groups = new Map<ContractPatternKind, Set<string>>();
  const indicators = new Map<ContractPatternKind, Set<string>>();
  const evidence = new Map<ContractPatternKind, string[]>();
  for (const kind of t.kinds) {
    groups.set(kind, new Set());
    indicators.set(kind, new Set());
    evidence.set(kind, []);
  }
  for (const item of contractTexts(parseContract(contract))) {
    for (const w of new Set(words(item.text))) {
      for (const hit of t.forms.get(w) ?? []) {
        const bucket = hit.group === null ? indicators.get(hit.kind)! : groups.get(hit.kind)!;
        const key = hit.group ?? hit.keyword;
        const what = hit.group === null ? `indicator "${hit.keyword}"` : `${hit.group} ("${w}")`;
        evidence.get(hit.kind)!.push(`${item.field} "${item.label}": ${what}`);
        bucket.add(key);
      }
    }
  }
  const out = t.kinds.map((kind, order) => {
    const coverage = groups.get(kind)!.size / t.groupCount[kind];
    const bonus = Math.min(1, indicators.get(kind)!.size / INDICATORS_FOR_FULL_BONUS);
    const confidence = coverage === 0 ? 0 : Math.round((GROUP_WEIGHT * coverage + INDICATOR_WEIGHT * bonus) * 1e4) / 1e4;
    const detected: KindAnalysis = { kind, confidence, evidence: [...new Set(evidence.get(kind))], groups: [...groups.get(kind)!] };
    return { detected, order };
  });
  out.sort((a, b) => b.detected.confidence - a.detected.confidence || a.order - b.order);
  return out.map((o) => o.detected);
}

const publicShape = ({ kind, confidence, evidence }: KindAnalysis): DetectedPattern => ({ kind, confidence, evidence });

/**
 * The strongest contract-level pattern at or above minConfidence (default 0.7), or null.
 * Reads capabilities, operations, io_operations and tags; words match whole, never inside others.
 */
export function detectPattern(contract: unknown, opts: { minConfidence?: number } = {}): DetectedPattern | null {
  const best = analyseContract(contract)[0];
  return best && best.confidence > 0 && best.confidence >= (opts.minConfidence ?? 0.7) ? publicShape(best) : null;
}

/** Every contract-level pattern at or above minConfidence (default 0.5), strongest first. */
export function detectAllPatterns(contract: unknown, minConfidence = 0.5): DetectedPattern[] {
  return analyseContract(contract)
    .filter((d) => d.confidence > 0 && d.confidence >= minConfidence)
    .map(publicShape);
}

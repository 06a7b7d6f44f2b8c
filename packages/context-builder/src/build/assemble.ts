// Turns the budgeted sections into the BuiltContext: metadata counts, metrics, and the prompt in
// cache-friendly order (node-level sections first, method-level ones after).
import type { ResolvedBudget } from '../budget/resolve-budget.js';
import type { SectionId } from '@onexgen/onex';
import type { TokenCounter } from '../tokens/token-counter.js';
import type { BuiltContext, BuiltContextData, ContextMetadata, ContextSection, TruncationStep } from './types.js';

/**
 * Node-level sections (the same for every method of a node: cacheable by providers) come first and
 * form the system message; the method-level ones form the user message, instructions last.
 */
export const SYSTEM_PART: readonly SectionId[] = ['system', 'constraints', 'patterns'];
export const USER_PART: readonly SectionId[] = ['references', 'operation', 'instructions'];
export const PROMPT_ORDER: readonly SectionId[] = [...SYSTEM_PART, ...USER_PART];

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
const round3 = (n: number) => Math.round(n * 1000) / 1000;

export interface AssembleInput {
  sections: ContextSection[];
  total: number;
  budget: ResolvedBudget;
  steps: TruncationStep[];
  counter: TokenCounter;
  started: number;
  metadata: ContextMetadata;
  qualityInputs: { variantConfidence: number; mixinConfidences: number[] };
}

export function assembleContext(input: AssembleInput): BuiltContext {
  const { sections, total, budget, steps, counter, metadata } = input;
  const byId = new Map(sections.map((s) => [s.id, s]));
  const join = (ids: readonly SectionId[]) => ids.map((id) => byId.get(id)!.content).join('\n');
  const system = join(SYSTEM_PART);
  const user = join(USER_PART);

  const patterns = byId.get('patterns')!.items ?? [];
  const references = byId.get('references')!.items ?? [];
  metadata.patterns = { ...metadata.patterns, included: patterns.length, ids: patterns.map((p) => p.id) };
  metadata.references = { ...metadata.references, included: references.length, ids: references.map((r) => r.id) };

  const quality = [
    mean(patterns.map((p) => p.score ?? 0)),
    mean(references.map((r) => r.score ?? 0)),
    input.qualityInputs.variantConfidence,
    mean(input.qualityInputs.mixinConfidences),
  ].filter((x): x is number => x !== undefined);
  const substantive = sections.filter((s) => (s.items && s.id !== 'constraints' ? s.items.length > 0 : s.content.trim().length > 0));

  const data: BuiltContextData = {
    sections,
    total,
    budget: { total: budget.total, source: budget.source, sections: budget.sections },
    truncation: steps,
    metadata,
    metrics: {
      buildTimeMs: round3(performance.now() - input.started),
      patternInclusionRate: metadata.patterns.available ? round3(patterns.length / metadata.patterns.available) : 1,
      referenceInclusionRate: metadata.references.available ? round3(references.length / metadata.references.available) : 1,
      budgetUtilisation: round3(total / budget.total),
      truncated: steps.length > 0,
      completeness: round3(substantive.length / sections.length),
      qualityScore: round3(mean(quality) ?? 0),
      messageTokens: {
        system: counter.countJoinedLines(SYSTEM_PART.map((id) => byId.get(id)!.content)),
        user: counter.countJoinedLines(USER_PART.map((id) => byId.get(id)!.content)),
      },
    },
  };

  return {
    ...data,
    toPrompt: () => `${system}\n${user}`,
    toMessages: () => ({ system, user }),
    toJSON: () => data,
  };
}

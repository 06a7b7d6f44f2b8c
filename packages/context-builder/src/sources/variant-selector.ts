// Chooses the template variant from node type, operation count and (canonical) features. The
// variants and their scoring weights are data (data/variants.yaml); this file only scores them.
import { loadVariantsData } from '../data/load-data.js';
import type { Variant, VariantsFile } from '../data/data-files.js';
import type { NodeType } from '@onexgen/onex';

export interface VariantQuery {
  nodeType: NodeType;
  operationCount: number;
  /** canonical feature keys */
  features: readonly string[];
}

export interface VariantSelection {
  id: string;
  /** other names of the variant, e.g. EVENT_DRIVEN for KAFKA_HEAVY */
  aliases: string[];
  /** 0..1 */
  confidence: number;
  rationale: string;
  matchedFeatures: string[];
  suggestedMixins: string[];
  description: string;
  characteristics: string[];
  /** true when no specialised variant qualified and the size-based fallback decided */
  fallback: boolean;
  /** patterns an operation method of this variant must use (see variants.yaml `requires`) */
  requires: { pattern: string; verbs?: string[] }[];
}

export interface VariantSelector {
  select(query: VariantQuery): VariantSelection;
  readonly variants: readonly Variant[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const operations = (n: number): string => `${n} operation${n === 1 ? '' : 's'}`;

function rangeText(v: Variant): string {
  return v.operations.max === undefined ? `>= ${v.operations.min}` : `${v.operations.min}-${v.operations.max}`;
}

/** 1 inside the range, decaying with the distance outside it. */
function operationFit(v: Variant, count: number): number {
  const { min, max } = v.operations;
  if (count >= min && (max === undefined || count <= max)) return 1;
  const distance = count < min ? min - count : count - (max ?? count);
  return 1 / (1 + distance);
}

export function createVariantSelector(data: VariantsFile = loadVariantsData()): VariantSelector {
  const specialised = data.variants.filter((v) => !v.fallback);
  const fallbacks = data.variants.filter((v) => v.fallback);

  const selection = (v: Variant, confidence: number, matched: string[], rationale: string, fallback: boolean): VariantSelection => ({
    id: v.id,
    aliases: [...v.aliases],
    confidence: round2(confidence),
    rationale,
    matchedFeatures: matched,
    suggestedMixins: [...v.suggestedMixins],
    description: v.description,
    characteristics: [...v.characteristics],
    fallback,
    requires: v.requires.map((r) => ({ ...r })),
  });

  return {
    variants: data.variants,
    select({ nodeType, operationCount, features }) {
      const wanted = new Set(features);
      let best: { v: Variant; score: number; matched: string[] } | undefined;
      for (const v of specialised) {
        if (!v.nodeTypes.includes(nodeType)) continue;
        const matched = v.features.filter((f) => wanted.has(f));
        const overlap = v.features.length === 0 ? 0 : matched.length / v.features.length;
        if (overlap < data.minOverlap) continue;
        const score = data.weights.nodeType + data.weights.operations * operationFit(v, operationCount) + data.weights.features * overlap;
        // strictly greater: on ties the earlier variant in the data file wins (deterministic)
        if (!best || score > best.score) best = { v, score, matched };
      }
      if (best) {
        const { v, score, matched } = best;
        const fit = operationFit(v, operationCount) === 1 ? 'fits' : 'is outside';
        const rationale =
          `Node type ${nodeType} is supported; ${operations(operationCount)} ${fit} range ${rangeText(v)}; ` +
          `${matched.length} of ${v.features.length} variant features matched: ${matched.join(', ')}.`;
        return selection(v, score, matched, rationale, false);
      }
      const bySize =
        fallbacks.find((v) => v.nodeTypes.includes(nodeType) && operationFit(v, operationCount) === 1) ??
        fallbacks[fallbacks.length - 1] ??
        data.variants[0]!;
      const rationale =
        `No specialised variant matched at least ${Math.round(data.minOverlap * 100)}% of its features for a ${nodeType} node; ` +
        `${operations(operationCount)} fits ${bySize.id} (${rangeText(bySize)}).`;
      return selection(bySize, data.weights.nodeType + data.weights.operations * operationFit(bySize, operationCount), [], rationale, true);
    },
  };
}

/**
 * The patterns the selected variant requires of this method: none for the node's entry method or
 * a private helper; a verb-bound one only when the method's first word is one of its verbs.
 */
export function requiredPatternsFor(selection: Pick<VariantSelection, 'requires'>, method: string, entryMethod: string): string[] {
  if (method === entryMethod || method.startsWith('_')) return [];
  const verb = method.split('_')[0]!.toLowerCase();
  return selection.requires.filter((r) => !r.verbs || r.verbs.includes(verb)).map((r) => r.pattern);
}

import { PatternLibraryError } from '../errors.js';
import { shippedNormalizer } from '../features/normalize.js';
import type { EffectivenessLookup } from '../learning/effectiveness.js';
import type { MatchQuery, Pattern, PatternMatch } from '../types.js';
import { NODE_TYPES, type NodeType } from '@onexgen/onex';

export type { EffectivenessLookup };

// Upstream baseline: 0.3 when the pattern applies to the node type + 0.7 x Jaccard(keys, features).
export const NODE_TYPE_WEIGHT = 0.3;
export const FEATURE_WEIGHT = 0.7;
// Learned effectiveness moves a score by at most +-0.1: (posterior mean - 0.5) x 0.2. A pattern
// with no evidence (mean 0.5) keeps its baseline, so the catalog ranks as upstream did until
// generations teach it otherwise.
export const EFFECTIVENESS_WEIGHT = 0.2;

export interface MatchOptions {
  effectiveness?: EffectivenessLookup;
}

interface PreparedPattern {
  pattern: Pattern;
  keys: Set<string>;
  nodeTypes: Set<NodeType>;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

function queryKeys(query: MatchQuery): { keys: Set<string>; fromOperation: string[] } {
  const normalizer = shippedNormalizer();
  const keys = new Set(normalizer.normalize(query.features));
  // An operation name ("publish_order_event") only contributes features the synonym table knows,
  // so an arbitrary verb/noun pair does not dilute the Jaccard denominator.
  const fromOperation = query.operation
    ? normalizer.normalize([query.operation.replace(/_/g, ' ')]).filter((k) => normalizer.isCanonical(k) && !keys.has(k))
    : [];
  for (const k of fromOperation) keys.add(k);
  return { keys, fromOperation };
}

function scoreOne(p: PreparedPattern, query: MatchQuery, keys: Set<string>, fromOperation: string[], opts: MatchOptions): PatternMatch {
  const reasons: string[] = [];
  const applies = p.nodeTypes.has(query.nodeType);
  reasons.push(applies ? `applies to ${query.nodeType} nodes (+0.30)` : `not written for ${query.nodeType} nodes (+0)`);
  const matched = [...keys].filter((k) => p.keys.has(k)).sort();
  const union = keys.size + p.keys.size - matched.length;
  const jaccard = union === 0 ? 0 : matched.length / union;
  if (matched.length > 0) {
    reasons.push(`features ${matched.join(', ')} matched (Jaccard ${jaccard.toFixed(2)}, +${(FEATURE_WEIGHT * jaccard).toFixed(2)})`);
    const viaOperation = matched.filter((k) => fromOperation.includes(k));
    if (viaOperation.length) reasons.push(`operation "${query.operation}" implies ${viaOperation.join(', ')}`);
  }
  let score = (applies ? NODE_TYPE_WEIGHT : 0) + FEATURE_WEIGHT * jaccard;
  const eff = opts.effectiveness?.(p.pattern.id);
  if (eff && eff.uses > 0) {
    const delta = EFFECTIVENESS_WEIGHT * (eff.mean - 0.5);
    score += delta;
    reasons.push(
      `learned effectiveness ${eff.mean.toFixed(2)} over ${eff.uses} use${eff.uses === 1 ? '' : 's'} (${delta >= 0 ? '+' : ''}${delta.toFixed(3)})`,
    );
  }
  return { pattern: p.pattern, score: round(Math.min(1, Math.max(0, score))), matchedFeatures: matched, reasons };
}

/** Precomputes each pattern's normalised key set once, so a query costs a few set look-ups. */
export function createMatcher(patterns: readonly Pattern[]): { match(query: MatchQuery, opts?: MatchOptions): PatternMatch[] } {
  const normalizer = shippedNormalizer();
  const prepared: PreparedPattern[] = patterns.map((pattern) => ({
    pattern,
    keys: new Set(normalizer.normalize([pattern.name, ...pattern.features, ...pattern.tags].map((k) => k.replace(/_/g, ' ')))),
    nodeTypes: new Set(pattern.nodeTypes),
  }));
  return {
    match(query, opts = {}) {
      if (!(NODE_TYPES as readonly string[]).includes(query.nodeType)) {
        throw new PatternLibraryError('INPUT_INVALID', `match: nodeType must be one of ${NODE_TYPES.join(', ')} (got "${String(query.nodeType)}")`);
      }
      const topK = query.topK ?? 5;
      const minScore = query.minScore ?? 0.3;
      const { keys, fromOperation } = queryKeys(query);
      const results: PatternMatch[] = [];
      for (const p of prepared) {
        const m = scoreOne(p, query, keys, fromOperation, opts);
        // A pattern matching no feature is never a match, whatever its node type bonus.
        if (m.matchedFeatures.length > 0 && m.score >= minScore) results.push(m);
      }
      results.sort((a, b) => b.score - a.score || (a.pattern.id < b.pattern.id ? -1 : a.pattern.id > b.pattern.id ? 1 : 0));
      return results.slice(0, Math.max(0, topK));
    },
  };
}

/** `match(catalog, query, opts)`: the same as `catalog.match(query, opts)`. */
export function match(
  catalog: { match(query: MatchQuery, opts?: MatchOptions): PatternMatch[] },
  query: MatchQuery,
  opts?: MatchOptions,
): PatternMatch[] {
  return catalog.match(query, opts);
}

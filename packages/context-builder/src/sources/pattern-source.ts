// Patterns from a @onexgen/pattern-library catalog, as buildContext asks for them: every pattern
// at or above the query's minimum score, plus the catalog's critical patterns for the node type
// (error_handling, standard_imports) even when no feature asked for them — they are the part of the
// context that is never cut, so they must be in it to begin with.
import type { MatchQuery, PatternCatalog, PatternMatch } from '@onexgen/pattern-library';

export interface PatternSourceOptions {
  /** add applicable critical patterns the matcher left out (default true) */
  includeCritical?: boolean;
  /** passed through to catalog.match (learned effectiveness) */
  matchOptions?: Parameters<PatternCatalog['match']>[1];
}

export function patternSourceFromCatalog(catalog: PatternCatalog, options: PatternSourceOptions = {}): (query: MatchQuery) => PatternMatch[] {
  const includeCritical = options.includeCritical ?? true;
  return (query) => {
    const found = catalog.match(query, options.matchOptions);
    if (!includeCritical) return found;
    const have = new Set(found.map((m) => m.pattern.id));
    const extra = catalog.patterns
      .filter((p) => p.critical && !have.has(p.id) && p.nodeTypes.includes(query.nodeType))
      .map((pattern): PatternMatch => ({ pattern, score: 0, matchedFeatures: [], reasons: ['critical pattern: part of every context for this node type'] }));
    return [...found, ...extra];
  };
}

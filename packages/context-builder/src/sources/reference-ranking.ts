// Ranks reference methods for a query. BM25 (MiniSearch's BM25+, a maintained library) over each
// method's identifiers, docstrings and the features of its node, combined with two structural
// features: the same node type and the same I/O kind. The Dice overlap of feature sets that this
// replaced stays available as `ranking: 'dice'`, the baseline tools/bench/reference-ranking.mjs
// measures against.
import MiniSearch from 'minisearch';
import { ioKindOfText, type IoKind } from './io-kind.js';
import { words } from './words.js';
import type { NodeType } from '@onexgen/onex';

/** One method of one indexed node, as ranking sees it. */
export interface RankedDoc {
  /** unique: '<node index>:<method>' */
  key: string;
  nodeKey: number;
  nodeType: NodeType | undefined;
  ioKind: IoKind;
  method: string;
  /** method name, class and node name */
  name: string;
  /** method docstring, class docstring, node description */
  doc: string;
  /** parameters and called names */
  code: string;
  /** the node's features, free text and canonical keys */
  features: string;
}

export interface RankQuery {
  nodeType: NodeType;
  method: string;
  /** canonical keys and free text */
  features: readonly string[];
  /** spec and method prose: description, docstring, operations, signature */
  text: string;
  /** the spec's I/O kind; inferred from features and text when absent */
  ioKind?: IoKind;
}

export interface RankedMethod {
  doc: RankedDoc;
  similarity: number;
  /** the words of the query this method matched (for explain) */
  terms: string[];
}

/**
 * Weights of the combined similarity, 0..1: text relevance (BM25 relative to the best hit, and to
 * a floor so that a query nothing matches well stays low), same node type, same I/O kind.
 */
export const RANKING_WEIGHTS = { text: 0.6, nodeType: 0.25, ioKind: 0.15 } as const;
/** BM25 scores below this never count as a full text match, however they compare to each other */
export const TEXT_SCORE_FLOOR = 12;
/** field boosts: a method's own name and its node's features say most about what it does */
export const FIELD_BOOSTS = { name: 3, features: 1.5, doc: 1, code: 1 } as const;

export interface Ranker {
  rank(query: RankQuery): RankedMethod[];
}

export function createBm25Ranker(docs: readonly RankedDoc[]): Ranker {
  const search = new MiniSearch<RankedDoc>({
    idField: 'key',
    fields: ['name', 'doc', 'code', 'features'],
    tokenize: words,
  });
  search.addAll(docs);
  const byKey = new Map(docs.map((d) => [d.key, d]));
  return {
    rank(query) {
      const text = [query.method, query.text, ...query.features].join(' ');
      const ioKind = query.ioKind ?? ioKindOfText([query.text, ...query.features].join(' '));
      const hits = search.search(text, { boost: FIELD_BOOSTS, combineWith: 'OR' });
      const top = Math.max(TEXT_SCORE_FLOOR, ...hits.map((h) => h.score));
      return hits.map((hit) => {
        const doc = byKey.get(String(hit.id))!;
        const similarity =
          RANKING_WEIGHTS.text * (hit.score / top) +
          (doc.nodeType === query.nodeType ? RANKING_WEIGHTS.nodeType : 0) +
          (doc.ioKind === ioKind ? RANKING_WEIGHTS.ioKind : 0);
        return { doc, similarity: Math.round(similarity * 100) / 100, terms: [...new Set(hit.queryTerms)].sort() };
      });
    },
  };
}

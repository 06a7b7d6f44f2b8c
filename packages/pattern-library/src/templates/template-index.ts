import { SIMILARITY_WEIGHTS, signatureSimilarity, type SignatureShape } from './signature.js';

export interface IndexedTemplate extends SignatureShape {
  id: number;
}

export interface SimilarHit<T extends IndexedTemplate> {
  template: T;
  similarity: number;
}

const bucketKey = (s: { nodeType: string; verb: string }): string => `${s.nodeType}|${s.verb}`;
// The best similarity a template outside the query's (node type, verb) bucket can reach.
const OUTSIDE_BUCKET_MAX = 1 - Math.min(SIMILARITY_WEIGHTS.nodeType, SIMILARITY_WEIGHTS.verb);

const byRank = <T extends IndexedTemplate>(a: SimilarHit<T>, b: SimilarHit<T>): number =>
  b.similarity - a.similarity || a.template.id - b.template.id;

/** Keeps the best `limit` hits in rank order without sorting everything that passed. */
function collectTopK<T extends IndexedTemplate>(
  templates: readonly T[],
  query: SignatureShape,
  minSimilarity: number,
  limit: number,
  top: SimilarHit<T>[],
): void {
  for (let k = 0; k < templates.length; k++) {
    const template = templates[k]!;
    const similarity = Math.round(signatureSimilarity(query, template) * 1e4) / 1e4;
    if (similarity < minSimilarity) continue;
    const hit = { template, similarity };
    if (top.length === limit && byRank(hit, top[limit - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && byRank(hit, top[i - 1]!) < 0) i -= 1;
    top.splice(i, 0, hit);
    if (top.length > limit) top.pop();
  }
}

/**
 * In-memory index over learned template signatures, bucketed by (node type, verb). A query with
 * minSimilarity above what a template of another node type or verb can reach (0.75) scans only its
 * own bucket, which is the common case (reuse needs both equal); a looser query scans everything.
 */
export class TemplateIndex<T extends IndexedTemplate> {
  // arrays, not Maps: a scan over a bucket is the hot loop, and arrays iterate fastest
  private readonly buckets = new Map<string, T[]>();
  private readonly all = new Map<number, T>();
  // every template in insertion order, for the scans that cannot skip buckets: with ties broken by
  // id, visiting templates roughly in id order keeps the top-k insertions few
  private readonly list: T[] = [];
  private readonly position = new Map<number, number>();

  get size(): number {
    return this.all.size;
  }

  upsert(template: T): void {
    const previous = this.all.get(template.id);
    if (previous) {
      const old = this.buckets.get(bucketKey(previous));
      const at = old?.findIndex((t) => t.id === previous.id) ?? -1;
      if (old && at >= 0) old.splice(at, 1);
    }
    this.all.set(template.id, template);
    const at = this.position.get(template.id);
    if (at === undefined) {
      this.position.set(template.id, this.list.length);
      this.list.push(template);
    } else {
      this.list[at] = template;
    }
    const key = bucketKey(template);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = []));
    bucket.push(template);
  }

  get(id: number): T | undefined {
    return this.all.get(id);
  }

  findSimilar(query: SignatureShape, minSimilarity: number, limit: number): SimilarHit<T>[] {
    const top: SimilarHit<T>[] = [];
    if (limit <= 0) return top;
    if (minSimilarity <= OUTSIDE_BUCKET_MAX) {
      collectTopK(this.list, query, minSimilarity, limit, top);
    } else {
      const own = this.buckets.get(bucketKey(query));
      if (own) collectTopK(own, query, minSimilarity, limit, top);
    }
    return top;
  }
}

/** The peer for benchmarks and tests: score every template, no index (same top-k collector). */
export function linearFindSimilar<T extends IndexedTemplate>(
  templates: readonly T[],
  query: SignatureShape,
  minSimilarity: number,
  limit: number,
): SimilarHit<T>[] {
  const top: SimilarHit<T>[] = [];
  if (limit > 0) collectTopK(templates, query, minSimilarity, limit, top);
  return top;
}

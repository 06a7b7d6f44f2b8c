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

/**
 * In-memory index over learned template signatures, bucketed by (node type, verb). A query scans
 * its own bucket and skips every other bucket whenever minSimilarity is above what a template with
 * a different node type or verb could reach, which is the common case (reuse needs both equal).
 */
export class TemplateIndex<T extends IndexedTemplate> {
  private readonly buckets = new Map<string, Map<number, T>>();
  private readonly all = new Map<number, T>();

  get size(): number {
    return this.all.size;
  }

  upsert(template: T): void {
    const previous = this.all.get(template.id);
    if (previous) this.buckets.get(bucketKey(previous))?.delete(previous.id);
    this.all.set(template.id, template);
    const key = bucketKey(template);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new Map()));
    bucket.set(template.id, template);
  }

  get(id: number): T | undefined {
    return this.all.get(id);
  }

  findSimilar(query: SignatureShape, minSimilarity: number, limit: number): SimilarHit<T>[] {
    const hits: SimilarHit<T>[] = [];
    const scan = (templates: Iterable<T>): void => {
      for (const template of templates) {
        const similarity = signatureSimilarity(query, template);
        if (similarity >= minSimilarity) hits.push({ template, similarity: Math.round(similarity * 1e4) / 1e4 });
      }
    };
    const own = this.buckets.get(bucketKey(query));
    if (own) scan(own.values());
    if (minSimilarity <= OUTSIDE_BUCKET_MAX) {
      for (const [key, bucket] of this.buckets) if (bucket !== own && key) scan(bucket.values());
    }
    return hits.sort(byRank).slice(0, limit);
  }
}

/** The peer for benchmarks and tests: score every template, no index. */
export function linearFindSimilar<T extends IndexedTemplate>(
  templates: readonly T[],
  query: SignatureShape,
  minSimilarity: number,
  limit: number,
): SimilarHit<T>[] {
  const hits: SimilarHit<T>[] = [];
  for (const template of templates) {
    const similarity = signatureSimilarity(query, template);
    if (similarity >= minSimilarity) hits.push({ template, similarity: Math.round(similarity * 1e4) / 1e4 });
  }
  return hits.sort(byRank).slice(0, limit);
}

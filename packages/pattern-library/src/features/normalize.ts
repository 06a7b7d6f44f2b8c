import { stripRemarks, words } from './tokenize.js';
import { loadSynonymTable, type SynonymTable } from './synonym-table.js';

// Words that qualify a feature without naming one ("automatic retry support" is retry).
const STOPWORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'with', 'for', 'of', 'to', 'in', 'on', 'via', 'using', 'use',
  'support', 'supports', 'enabled', 'enable', 'automatic', 'auto', 'built', 'full', 'basic',
  'advanced', 'proper', 'robust', 'configurable', 'based', 'per', 'all',
]);

interface Alias {
  tokens: string[];
  key: string;
}

/** Phrase lookup keyed by first word; each bucket longest phrase first, so matching is greedy. */
export interface FeatureNormalizer {
  normalize(texts: readonly string[]): string[];
  /** true when the key is a canonical key of the synonym table */
  isCanonical(key: string): boolean;
}

export function createFeatureNormalizer(table: SynonymTable): FeatureNormalizer {
  const byFirstWord = new Map<string, Alias[]>();
  const add = (phrase: string, key: string): void => {
    const tokens = words(phrase);
    const first = tokens[0];
    if (!first) return;
    const bucket = byFirstWord.get(first) ?? [];
    if (!bucket.some((a) => a.tokens.join(' ') === tokens.join(' '))) bucket.push({ tokens, key });
    byFirstWord.set(first, bucket);
  };
  for (const [key, phrases] of Object.entries(table)) {
    add(key.replace(/_/g, ' '), key); // the key itself always maps to itself
    for (const phrase of phrases) add(phrase, key);
  }
  for (const bucket of byFirstWord.values()) bucket.sort((a, b) => b.tokens.length - a.tokens.length);

  const normalizeOne = (text: string, out: string[]): void => {
    const tokens = words(stripRemarks(text));
    const found: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const alias = byFirstWord.get(tokens[i]!)?.find((a) => a.tokens.every((t, j) => tokens[i + j] === t));
      if (alias) {
        found.push(alias.key);
        i += alias.tokens.length;
      } else {
        i += 1;
      }
    }
    if (found.length === 0) {
      const key = tokens.filter((t) => !STOPWORDS.has(t) && !/^\d+$/.test(t)).join('_');
      if (key) found.push(key);
    }
    for (const key of found) if (!out.includes(key)) out.push(key);
  };

  const canonical = new Set(Object.keys(table));
  return {
    isCanonical: (key) => canonical.has(key),
    normalize(texts) {
      const out: string[] = [];
      for (const text of texts) normalizeOne(text, out);
      return out;
    },
  };
}

let defaultNormalizer: FeatureNormalizer | undefined;

/**
 * Free-text features to canonical keys with the shipped synonym table:
 * "Connection pooling (10-50 connections)" -> ['connection_pooling'].
 * Order of first appearance is kept; duplicates are dropped.
 */
export function normalizeFeatures(texts: readonly string[]): string[] {
  return shippedNormalizer().normalize(texts);
}

/** The normaliser built from the shipped synonym table (loaded once, on first use). */
export function shippedNormalizer(): FeatureNormalizer {
  defaultNormalizer ??= createFeatureNormalizer(loadSynonymTable());
  return defaultNormalizer;
}

// Exact token counts with @dqbd/tiktoken, memoised per line segment: catalog pattern texts,
// templates and reference code repeat across builds, so after the first build almost every line
// is a Map hit and a whole 8K-token prompt is counted in tens of microseconds.
import type { Tiktoken } from '@dqbd/tiktoken';
import { ContextBuilderError } from '../errors.js';
import { acquireEncoder, releaseEncoder, type EncodingName } from './encoder-registry.js';
import { forEachSegment } from './segments.js';

export interface TokenCounterOptions {
  /** default 'cl100k_base' */
  encoding?: EncodingName;
  /** distinct segments remembered before the memo is cleared; default 50,000 */
  maxCachedSegments?: number;
}

export interface TokenCounterStats {
  /** segments sent to tiktoken */
  encoded: number;
  /** segments answered from the memo */
  hits: number;
  cached: number;
}

export interface TokenCounter {
  readonly encoding: EncodingName;
  /** exact number of tokens tiktoken produces for `text` (special-token text counts as plain text) */
  count(text: string): number;
  /** one tiktoken call on the whole text, no memo: the reference the memoised count must equal */
  countDirect(text: string): number;
  stats(): TokenCounterStats;
  /** releases this counter's hold on the shared encoder (freed when no counter uses it) */
  dispose(): void;
}

export function createTokenCounter(options: TokenCounterOptions = {}): TokenCounter {
  const encoding = options.encoding ?? 'cl100k_base';
  const maxCached = options.maxCachedSegments ?? 50_000;
  let encoder: Tiktoken | undefined = acquireEncoder(encoding);
  const memo = new Map<string, number>();
  let encoded = 0;
  let hits = 0;

  const live = (): Tiktoken => {
    if (!encoder) throw new ContextBuilderError('COUNTER_DISPOSED', `the ${encoding} token counter was disposed`);
    return encoder;
  };

  const countSegment = (segment: string): number => {
    const known = memo.get(segment);
    if (known !== undefined) {
      hits += 1;
      return known;
    }
    // encode_ordinary: '<|endoftext|>' inside a prompt is text, not a control token.
    const n = live().encode_ordinary(segment).length;
    encoded += 1;
    if (memo.size >= maxCached) memo.clear();
    memo.set(segment, n);
    return n;
  };

  return {
    encoding,
    count(text) {
      let total = 0;
      forEachSegment(text, (start, end) => {
        total += countSegment(start === 0 && end === text.length ? text : text.slice(start, end));
      });
      return total;
    },
    countDirect(text) {
      return live().encode_ordinary(text).length;
    },
    stats: () => ({ encoded, hits, cached: memo.size }),
    dispose() {
      if (!encoder) return;
      encoder = undefined;
      memo.clear();
      releaseEncoder(encoding);
    },
  };
}

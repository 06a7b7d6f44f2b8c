// Exact token counts with the shared encoder of @onexgen/onex/tokens, memoised per line segment: catalog pattern texts,
// templates and reference code repeat across builds, so after the first build almost every line
// is a Map hit and a whole 8K-token prompt is counted in tens of microseconds.
import { acquireEncoder, ENCODINGS, isEncodingName, releaseEncoder, type EncodingName } from '@onexgen/onex/tokens';
import { ContextBuilderError } from '../errors.js';
import { countBySegments, lastSegment, startsSafely } from '@onexgen/onex/tokens';

type Encoder = ReturnType<typeof acquireEncoder>;

export interface TokenCounterOptions {
  /** default 'cl100k_base' */
  encoding?: EncodingName;
  /** distinct segments remembered before the memo is cleared; default 50,000 */
  maxCachedSegments?: number;
  /** whole texts (sections, items) remembered before that memo is cleared; default 2,000; 0 turns it off */
  maxCachedTexts?: number;
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
  /**
   * Exact tokens of `parts.join('\n')`. When every part ends with '\n' and every later part starts
   * with a non-whitespace character other than '/' (section contents do), it is the parts' counts
   * plus, per joint, what the extra newline adds to the last segment before it; otherwise the
   * joined text is counted.
   */
  countJoinedLines(parts: readonly string[]): number;
  /** one tiktoken call on the whole text, no memo: the reference the memoised count must equal */
  countDirect(text: string): number;
  stats(): TokenCounterStats;
  /** releases this counter's hold on the shared encoder (freed when no counter uses it) */
  dispose(): void;
}

export function createTokenCounter(options: TokenCounterOptions = {}): TokenCounter {
  const encoding = options.encoding ?? 'cl100k_base';
  if (!isEncodingName(encoding)) {
    throw new ContextBuilderError('ENCODING_UNKNOWN', `encoding '${String(encoding)}' is not one of ${ENCODINGS.join(', ')}`);
  }
  const maxCached = options.maxCachedSegments ?? 50_000;
  const maxTexts = options.maxCachedTexts ?? 2_000;
  // Texts that repeat whole (a section of the same node, a catalog pattern) are one hash away;
  // short texts skip this level, where the segment memo is as fast.
  const texts = new Map<string, number>();
  let encoder: Encoder | undefined = acquireEncoder(encoding);
  const memo = new Map<string, number>();
  let encoded = 0;
  let hits = 0;

  const live = (): Encoder => {
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

  const count = (text: string): number => {
    if (text.length < 512 || maxTexts === 0) return countBySegments(text, countSegment);
    const known = texts.get(text);
    if (known !== undefined) {
      hits += 1;
      return known;
    }
    const n = countBySegments(text, countSegment);
    if (texts.size >= maxTexts) texts.clear();
    texts.set(text, n);
    return n;
  };

  return {
    encoding,
    count,
    countJoinedLines(parts) {
      const additive = parts.every((p, i) => p.endsWith('\n') && (i === 0 || startsSafely(p)));
      if (!additive) return count(parts.join('\n'));
      let total = 0;
      parts.forEach((part, i) => {
        total += count(part);
        if (i < parts.length - 1) {
          const tail = lastSegment(part);
          total += countSegment(`${tail}\n`) - countSegment(tail);
        }
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
      texts.clear();
      releaseEncoder(encoding);
    },
  };
}

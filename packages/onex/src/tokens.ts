// @onexgen/onex/tokens: the one owner of @dqbd/tiktoken encoders in a process. An encoder lives in
// WASM memory the GC never frees (~7.5 MB each, ~0.3–0.5 s to create), so there is at most one per
// encoding, shared by everyone and freed explicitly:
// - holders that come and go (context-builder's memoising counters) acquire and release it;
// - plain counting (`countTokens`) takes one process-wide hold, released by `freeTokenizers()`,
//   which the app calls on shutdown (and tests in afterAll).
// A subpath of its own, so that importing the vocabulary never loads the WASM tokenizer; and
// @dqbd/tiktoken itself is loaded with the first encoder, not with this module: it compiles and
// instantiates its WebAssembly as it loads (~0.1–0.2 s of CPU), which a command that never counts
// (`generate --queue`, `status`, `db migrate`) would otherwise pay because something it imports
// imports this.
import { createRequire } from 'node:module';
import type { Tiktoken } from '@dqbd/tiktoken';

export { countBySegments, forEachSegment, lastSegment, splitSegments, startsSafely } from './token-segments.js';

export const ENCODINGS = ['cl100k_base', 'o200k_base'] as const;
export type EncodingName = (typeof ENCODINGS)[number];

export function isEncodingName(value: string): value is EncodingName {
  return (ENCODINGS as readonly string[]).includes(value);
}

type TiktokenModule = typeof import('@dqbd/tiktoken');
let tiktoken: TiktokenModule | undefined;

/** @dqbd/tiktoken, loaded on first use (its CommonJS build is what Node resolves either way). */
function loadTiktoken(): TiktokenModule {
  return (tiktoken ??= createRequire(import.meta.url)('@dqbd/tiktoken') as TiktokenModule);
}

const live = new Map<EncodingName, { encoder: Tiktoken; refs: number }>();
const processHolds = new Set<EncodingName>();

/** The shared encoder for `encoding`, created on first use; pair every call with releaseEncoder. */
export function acquireEncoder(encoding: EncodingName): Tiktoken {
  if (!isEncodingName(encoding)) {
    throw new RangeError(`encoding '${String(encoding)}' is not one of ${ENCODINGS.join(', ')}`);
  }
  let entry = live.get(encoding);
  if (!entry) {
    entry = { encoder: loadTiktoken().get_encoding(encoding), refs: 0 };
    live.set(encoding, entry);
  }
  entry.refs += 1;
  return entry.encoder;
}

/** Drops one hold; the encoder is freed when nobody holds it. */
export function releaseEncoder(encoding: EncodingName): void {
  const entry = live.get(encoding);
  if (!entry) return;
  entry.refs -= 1;
  if (entry.refs <= 0) {
    entry.encoder.free();
    live.delete(encoding);
  }
}

/** How many encoders are alive right now (tests, diagnostics). */
export function liveEncoderCount(): number {
  return live.size;
}

function processEncoder(encoding: EncodingName): Tiktoken {
  if (!processHolds.has(encoding)) {
    const encoder = acquireEncoder(encoding);
    processHolds.add(encoding);
    return encoder;
  }
  return live.get(encoding)!.encoder;
}

/** Exact tokens of `text`; special-token text such as `<|endoftext|>` counts as plain text. */
export function countTokens(text: string, encoding: EncodingName = 'cl100k_base'): number {
  return text === '' ? 0 : processEncoder(encoding).encode_ordinary(text).length;
}

const decoder = new TextDecoder();

/** The first `maxTokens` tokens of `text` (what a model emits before its output limit). */
export function truncateToTokens(text: string, maxTokens: number, encoding: EncodingName = 'cl100k_base'): string {
  const encoder = processEncoder(encoding);
  const tokens = encoder.encode_ordinary(text);
  if (tokens.length <= maxTokens) return text;
  return decoder.decode(encoder.decode(tokens.slice(0, maxTokens)));
}

/** Releases the process-wide holds `countTokens` took (call on shutdown); counting again re-creates. */
export function freeTokenizers(): void {
  for (const encoding of processHolds) releaseEncoder(encoding);
  processHolds.clear();
}

// One @dqbd/tiktoken encoder per encoding per process. Encoders live in WASM memory that the GC
// never frees (~7.5 MB each), so they are shared by reference count and freed when the last
// counter using them is disposed.
import { get_encoding, type Tiktoken } from '@dqbd/tiktoken';
import { ContextBuilderError } from '../errors.js';

export const ENCODINGS = ['cl100k_base', 'o200k_base'] as const;
export type EncodingName = (typeof ENCODINGS)[number];

interface Entry {
  encoder: Tiktoken;
  refs: number;
}

const live = new Map<EncodingName, Entry>();

export function isEncodingName(value: string): value is EncodingName {
  return (ENCODINGS as readonly string[]).includes(value);
}

export function acquireEncoder(encoding: EncodingName): Tiktoken {
  if (!isEncodingName(encoding)) {
    throw new ContextBuilderError('ENCODING_UNKNOWN', `encoding '${String(encoding)}' is not one of ${ENCODINGS.join(', ')}`);
  }
  let entry = live.get(encoding);
  if (!entry) {
    entry = { encoder: get_encoding(encoding), refs: 0 };
    live.set(encoding, entry);
  }
  entry.refs += 1;
  return entry.encoder;
}

export function releaseEncoder(encoding: EncodingName): void {
  const entry = live.get(encoding);
  if (!entry) return;
  entry.refs -= 1;
  if (entry.refs <= 0) {
    entry.encoder.free();
    live.delete(encoding);
  }
}

/** For tests and diagnostics: how many encoders are alive right now. */
export function liveEncoderCount(): number {
  return live.size;
}

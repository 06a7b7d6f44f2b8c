import { get_encoding } from '@dqbd/tiktoken';
import type { Tiktoken } from '@dqbd/tiktoken';

export type CountTokens = (text: string) => number;

// One encoder per process: each lives in WASM memory the GC never frees (~7.5 MB), so creating one
// per call would leak. disposeTokenCounter() frees it (call it on shutdown).
let encoder: Tiktoken | undefined;

/** Exact cl100k_base token count. Special-token text such as `<|endoftext|>` is counted as text. */
export const countTokens: CountTokens = (text) => {
  encoder ??= get_encoding('cl100k_base');
  return encoder.encode(text, [], []).length;
};

export function disposeTokenCounter(): void {
  encoder?.free();
  encoder = undefined;
}

import { get_encoding, type Tiktoken } from '@dqbd/tiktoken';

// One encoder per process: @dqbd/tiktoken encoders live in WASM memory the GC never frees, so
// every simulator in the process shares this one and the last one to close frees it.
let encoder: Tiktoken | undefined;
let users = 0;

export function acquireEncoder(): void {
  users += 1;
}

export function releaseEncoder(): void {
  users = Math.max(0, users - 1);
  if (users === 0 && encoder) {
    encoder.free();
    encoder = undefined;
  }
}

function enc(): Tiktoken {
  encoder ??= get_encoding('cl100k_base');
  return encoder;
}

/** Tokens in `text` (cl100k_base; special-token text is counted as ordinary text). */
export function countTokens(text: string): number {
  if (text === '') return 0;
  return enc().encode_ordinary(text).length;
}

/** Chat input tokens the way OpenAI bills them: 3 per message + content, plus 3 to prime the reply. */
export function countChatTokens(system: string | undefined, messages: Array<{ content: string }>): number {
  let total = 3;
  if (system !== undefined) total += 3 + countTokens(system);
  for (const m of messages) total += 3 + countTokens(m.content);
  return total;
}

const decoder = new TextDecoder();

/** The first `maxTokens` tokens of `text`, as the model would have produced before its limit. */
export function truncateToTokens(text: string, maxTokens: number): string {
  const tokens = enc().encode_ordinary(text);
  if (tokens.length <= maxTokens) return text;
  return decoder.decode(enc().decode(tokens.slice(0, maxTokens)));
}

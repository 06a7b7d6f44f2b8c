import { get_encoding, type Tiktoken, type TiktokenEncoding } from '@dqbd/tiktoken';

// @dqbd/tiktoken encoders live in WASM memory that GC never frees (~7.5 MB each): one per encoding
// per process, shared by every client, freed when the last client closes.
const encoders = new Map<TiktokenEncoding, Tiktoken>();
let holders = 0;

export function acquireTokenizer(): void {
  holders += 1;
}

export function releaseTokenizer(): void {
  holders = Math.max(0, holders - 1);
  if (holders === 0) {
    for (const enc of encoders.values()) enc.free();
    encoders.clear();
  }
}

function encoder(encoding: TiktokenEncoding): Tiktoken {
  let enc = encoders.get(encoding);
  if (!enc) {
    enc = get_encoding(encoding);
    encoders.set(encoding, enc);
  }
  return enc;
}

/** Tokens in `text`; special-token text such as <|endoftext|> is counted as plain text, never thrown on. */
export function countTokens(text: string, encoding: TiktokenEncoding = 'cl100k_base'): number {
  return text === '' ? 0 : encoder(encoding).encode_ordinary(text).length;
}

/** Prompt tokens of a chat request: 3 per message plus content, plus 3 priming the reply (OpenAI's rule). */
export function countPromptTokens(system: string | undefined, prompt: string, encoding: TiktokenEncoding = 'cl100k_base'): number {
  return 3 + (system ? 3 + countTokens(system, encoding) : 0) + 3 + countTokens(prompt, encoding);
}

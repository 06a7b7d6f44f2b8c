import { countTokens, type EncodingName } from '@onexgen/onex/tokens';

// Token counts come from @onexgen/onex/tokens (one encoder per encoding per process, freed by the
// app on shutdown); this file only knows how a chat request is framed.

/** Prompt tokens of a chat request: 3 per message plus content, plus 3 priming the reply (OpenAI's rule). */
export function countPromptTokens(system: string | undefined, prompt: string, encoding: EncodingName = 'cl100k_base'): number {
  return 3 + (system ? 3 + countTokens(system, encoding) : 0) + 3 + countTokens(prompt, encoding);
}

import { countTokens } from '@onexgen/onex/tokens';

// Counts come from @onexgen/onex/tokens (the process's one cl100k_base encoder); this file only
// knows how a chat request is billed.

/** Chat input tokens the way OpenAI bills them: 3 per message + content, plus 3 to prime the reply. */
export function countChatTokens(system: string | undefined, messages: Array<{ content: string }>): number {
  let total = 3;
  if (system !== undefined) total += 3 + countTokens(system);
  for (const m of messages) total += 3 + countTokens(m.content);
  return total;
}

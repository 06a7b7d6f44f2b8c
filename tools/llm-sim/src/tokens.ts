import { countTokens } from '@onexgen/onex/tokens';

// Counts come from @onexgen/onex/tokens (the process's one cl100k_base encoder); this file only
// knows how a chat request is billed.

/**
 * Counts of recent message texts. A pipeline sends the same system prompt (~11,500 characters) with
 * every method: counting it again for each request was a third of the simulator's CPU, taken from
 * the two cores it shares with the client under test (tools/bench pipeline-bench). The counts are
 * the encoder's own; only the repeat work is saved.
 */
const recent = new Map<string, number>();
const RECENT_LIMIT = 64;

function countOnce(text: string): number {
  const known = recent.get(text);
  if (known !== undefined) {
    // most recently used last, so the oldest is the first to go
    recent.delete(text);
    recent.set(text, known);
    return known;
  }
  const n = countTokens(text);
  recent.set(text, n);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  return n;
}

/** Chat input tokens the way OpenAI bills them: 3 per message + content, plus 3 to prime the reply. */
export function countChatTokens(system: string | undefined, messages: Array<{ content: string }>): number {
  let total = 3;
  if (system !== undefined) total += 3 + countOnce(system);
  for (const m of messages) total += 3 + countOnce(m.content);
  return total;
}

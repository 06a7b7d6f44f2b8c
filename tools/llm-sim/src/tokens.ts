import { countBySegments, countTokens } from '@onexgen/onex/tokens';

// Counts come from @onexgen/onex/tokens (the process's one cl100k_base encoder); this file only
// knows how a chat request is billed, and saves the simulator counting the same lines again.

/**
 * Counts of recently seen segments: the line runs at whose starts tiktoken's pre-tokenizer always
 * splits (@onexgen/onex/tokens `forEachSegment`), so a text's count is exactly the sum of its
 * segments'. A pipeline sends the same system prompt (~11,500 characters) and user prompts that
 * share most of their lines with every method, and its answers repeat too: counting them whole
 * was two thirds of the simulator's CPU, taken from the two cores it shares with the client under
 * test (tools/bench pipeline-bench). The counts are the encoder's own; only repeat work is saved.
 */
const known = new Map<string, number>();
const KNOWN_LIMIT = 20_000;

function countSegment(segment: string): number {
  let n = known.get(segment);
  if (n === undefined) {
    n = countTokens(segment);
    // a bounded memo: cleared whole when full (a simulator's texts repeat within a run, not across)
    if (known.size >= KNOWN_LIMIT) known.clear();
    known.set(segment, n);
  }
  return n;
}

/** Exact tokens of `text`, counted segment by segment from the memo. */
export function countTextTokens(text: string): number {
  return countBySegments(text, countSegment);
}

/** Chat input tokens the way OpenAI bills them: 3 per message + content, plus 3 to prime the reply. */
export function countChatTokens(system: string | undefined, messages: Array<{ content: string }>): number {
  let total = 3;
  if (system !== undefined) total += 3 + countTextTokens(system);
  for (const m of messages) total += 3 + countTextTokens(m.content);
  return total;
}

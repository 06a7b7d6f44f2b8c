import type { Outcome, ResponderRequest, Scenario, SimUsage } from './scenario.js';
import { truncateToTokens } from '@onexgen/onex/tokens';
import { countChatTokens, countTextTokens } from './tokens.js';
import type { ParsedRequest, SimAnswer } from './wire/types.js';

let sequence = 0;

/** Runs the responder (or the scenario's default text) and prices the answer in real tokens. */
export async function buildAnswer(
  scenario: Scenario,
  parsed: ParsedRequest,
  path: string,
  outcome: Outcome,
  inputTokenCap?: number,
): Promise<SimAnswer> {
  const lastUser = [...parsed.messages].reverse().find((m) => m.role === 'user');
  const request: ResponderRequest = {
    provider: parsed.provider,
    model: parsed.model,
    path,
    stream: parsed.stream,
    ...(parsed.system !== undefined ? { system: parsed.system } : {}),
    messages: parsed.messages,
    prompt: lastUser?.content ?? '',
    ...(parsed.maxTokens !== undefined ? { maxTokens: parsed.maxTokens } : {}),
  };
  const produced = scenario.responder ? await scenario.responder(request) : undefined;
  const fromResponder = typeof produced === 'string' ? { text: produced } : produced;
  const ok = outcome.kind === 'ok' ? outcome : undefined;

  let text = ok?.text ?? fromResponder?.text ?? scenario.text ?? `Simulated answer from ${parsed.model}.`;
  const reasoning = ok?.reasoning ?? fromResponder?.reasoning ?? scenario.reasoning;
  let finishReason = ok?.finishReason ?? fromResponder?.finishReason ?? 'stop';

  const reasoningTokens = reasoning ? countTextTokens(reasoning) : 0;
  // A real model stops at max_tokens: cut the text there and say `length`.
  if (parsed.maxTokens !== undefined && !ok?.ignoreMaxTokens && countTextTokens(text) + reasoningTokens > parsed.maxTokens) {
    text = truncateToTokens(text, Math.max(0, parsed.maxTokens - reasoningTokens));
    finishReason = 'length';
  }
  const counted = countChatTokens(parsed.system, parsed.messages);
  const usage: SimUsage = {
    // Ollama silently drops what does not fit num_ctx: it only evaluates num_ctx tokens.
    inputTokens: inputTokenCap !== undefined ? Math.min(counted, inputTokenCap) : counted,
    outputTokens: countTextTokens(text) + reasoningTokens,
    cachedInputTokens: 0,
    reasoningTokens,
    ...fromResponder?.usage,
    ...ok?.usage,
  };
  sequence += 1;
  return {
    id: `sim-${Date.now().toString(36)}-${sequence}`,
    model: parsed.model,
    created: Math.floor(Date.now() / 1000),
    text,
    ...(reasoning ? { reasoning } : {}),
    finishReason,
    usage,
  };
}

/** Splits text into chunks of `size` code points (never splitting a surrogate pair). */
export function splitPieces(text: string, size: number): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < points.length; i += size) pieces.push(points.slice(i, i + size).join(''));
  return pieces;
}

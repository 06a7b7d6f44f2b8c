// Model behind fallback-sim.mjs: a seeded stream of validation outcomes, per-attempt token counts
// measured once with the real prompt code, and two loops over the same stream — the package's
// decide() under its default policy, and the earlier generator's re-ask (a peer, for comparison).
import prand from 'pure-rand';
import { buildRetryPrompt } from '@onexgen/context-builder';
import { decide, defaultPolicy, planRetry } from '@onexgen/fallback-strategies';
import { countTokens } from '@onexgen/onex/tokens';

/** Uniform [0, 1) from pure-rand's xoroshiro128+; one generator per run, so a seed replays exactly. */
export function createRng(seed) {
  const generator = prand.xoroshiro128plus(seed);
  return () => prand.unsafeUniformIntDistribution(0, 0xffffffff, generator) / 0x100000000;
}

// What a failed attempt looks like to the validator. Security answers often pass every other check,
// so they arrive with passed = true; decide() must still refuse them.
const FAILURES = {
  syntax: { syntaxValid: false, passed: false, issue: ['syntax/invalid', 'syntax', 'error', 'unexpected indent'] },
  compliance: { syntaxValid: true, passed: false, issue: ['onex/unknown-error-code', 'compliance', 'error', 'EXECUTION_ERROR is not an EnumCoreErrorCode member'] },
  security: { syntaxValid: true, passed: true, issue: ['security/sql-injection', 'security', 'warning', 'SQL built with an f-string reaches execute()'] },
  quality: { syntaxValid: true, passed: false, issue: ['quality/undefined-name', 'quality', 'error', "name 'rows' is used but never defined"] },
};

export function validationFor(kind, line) {
  if (kind === 'pass') {
    return { syntaxValid: true, passed: true, score: 0.9, breakdown: {}, issues: [], stats: {} };
  }
  const { syntaxValid, passed, issue } = FAILURES[kind];
  const [ruleId, category, severity, message] = issue;
  return { syntaxValid, passed, score: 0.4, breakdown: {}, stats: {}, issues: [{ ruleId, category, severity, message, line, column: 5 }] };
}

/**
 * The outcome stream: for each method and attempt, one draw decides success and one the failure
 * kind. Drawn up front, so every loop meets exactly the same luck; `outcomeOf` turns a draw into an
 * outcome for the attempt's number and for whether it runs on an escalated tier.
 */
export function drawOutcomes(rng, { methods, maxAttempts }) {
  return Array.from({ length: methods }, () => Array.from({ length: maxAttempts }, () => ({ u: rng(), v: rng() })));
}

export function createOutcomeModel({ firstFailure, laterSuccess, escalatedSuccess, mix }) {
  const kinds = Object.entries(mix);
  const pick = (v) => {
    let acc = 0;
    for (const [kind, weight] of kinds) if (v < (acc += weight)) return kind;
    return kinds.at(-1)[0];
  };
  return (draw, index, escalated) => {
    const later = laterSuccess[Math.min(index - 1, laterSuccess.length - 1)];
    const success = index === 0 ? 1 - firstFailure : escalated && escalatedSuccess !== undefined ? escalatedSuccess : later;
    return draw.u < success ? 'pass' : pick(draw.v);
  };
}

/** A six-section context at the seed design's allocations, with exact token counts. */
export function sampleContext() {
  const sentence = (topic, i) => `${topic} ${i}: acquire a pooled connection, log with emit_log_event, raise ModelOnexError on failure.`;
  const fill = (topic, tokens) => {
    const lines = [];
    while (countTokens(lines.join('\n')) < tokens) lines.push(sentence(topic, lines.length));
    return lines.join('\n');
  };
  const items = ['error_handling_v1', 'connection_pooling_v1', 'structured_logging_v1', 'metrics_tracking_v1'].map((id, i) => {
    const text = fill(id, 500);
    return { id, text, tokens: countTokens(text), critical: i === 0 };
  });
  const section = (id, title, content, extra = {}) => ({ id, title, content, tokens: countTokens(content), ...extra });
  return {
    sections: [
      section('system', 'System', fill('system', 500)),
      section('operation', 'Operation', fill('operation', 300)),
      section('patterns', 'Patterns', items.map((item) => item.text).join('\n\n'), { items }),
      section('references', 'References', fill('reference', 2500)),
      section('constraints', 'Constraints', fill('constraint', 500)),
      section('instructions', 'Instructions', fill('instruction', 200)),
    ],
  };
}

/**
 * Prompt tokens per attempt number, measured once: attempt 1 is the whole context; attempts 2+ are
 * what buildRetryPrompt(context, planRetry(...)) really builds after a compliance failure with a typical 40-line answer.
 * Also the peer's re-ask: the first prompt plus every earlier answer and its error list.
 */
export function measurePromptTokens(maxAttempts, completionTokens) {
  const context = sampleContext();
  const first = context.sections.reduce((sum, section) => sum + countTokens(`## ${section.title}\n\n${section.content}\n\n`), 0);
  const answer = Array.from({ length: 40 }, (_, i) => `    value_${i} = await self.pool.fetchval("SELECT $1::int", ${i})`).join('\n');
  const failed = validationFor('compliance', 12);
  const ours = [first];
  for (let number = 1; number < maxAttempts; number += 1) ours.push(buildRetryPrompt(context, planRetry(failed, { number }, answer)).tokens);
  const feedback = countTokens(`- onex/unknown-error-code (line 12): ${failed.issues[0].message}\nFix the errors and answer again.`);
  const peer = Array.from({ length: maxAttempts }, (_, index) => first + index * (completionTokens + feedback));
  return { ours, peer };
}

/** micro-dollars for one call */
export function costMicros(prices, tier, promptTokens, completionTokens) {
  const price = prices[tier] ?? { input: 0, output: 0 };
  return Math.round(promptTokens * price.input + completionTokens * price.output);
}

/** One method through decide() under the given policy (the package's loop, as the orchestrator runs it). */
export function runOurs(draws, { policy = defaultPolicy, tier: startTier, promptTokens, completionTokens, prices, outcomeOf }) {
  let tokensSpent = 0;
  let spentMicros = 0;
  let tier = startTier;
  for (let index = 0; ; index += 1) {
    const number = index + 1;
    const prompt = promptTokens[Math.min(index, promptTokens.length - 1)];
    tokensSpent += prompt + completionTokens;
    spentMicros += costMicros(prices, tier, prompt, completionTokens);
    const kind = outcomeOf(draws[Math.min(index, draws.length - 1)], index, tier !== startTier);
    const decision = decide(validationFor(kind, 3 + index), { number, tier, tokensSpent, costMicros: spentMicros }, policy);
    if (!decision.next) {
      return { calls: number, end: decision.action, tokens: tokensSpent, costMicros: spentMicros, insecureAccepted: decision.action === 'accept' && kind === 'security' };
    }
    tier = decision.next.tier;
  }
}

/**
 * The peer: the earlier generator's should_retry() — up to 3 attempts while `passed` is false, on
 * one tier, no budget, each re-ask carrying the whole transcript. It trusts `passed`, so a
 * security finding that passed every other check is accepted.
 */
export function runPeer(draws, { tier, peerPromptTokens, completionTokens, prices, maxAttempts, outcomeOf }) {
  let tokens = 0;
  let micros = 0;
  for (let index = 0; index < maxAttempts; index += 1) {
    tokens += peerPromptTokens[index] + completionTokens;
    micros += costMicros(prices, tier, peerPromptTokens[index], completionTokens);
    const kind = outcomeOf(draws[index], index, false);
    if (validationFor(kind, 3).passed) return { calls: index + 1, end: 'accept', tokens, costMicros: micros, insecureAccepted: kind === 'security' };
  }
  return { calls: maxAttempts, end: 'template', tokens, costMicros: micros, insecureAccepted: false };
}

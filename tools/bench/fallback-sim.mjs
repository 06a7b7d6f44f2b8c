#!/usr/bin/env node
// Fallback simulation: how often does a method end with accepted LLM code, and at how many calls,
// under @onexgen/fallback-strategies' default policy — next to the earlier generator's re-ask loop
// measured on the same seeded outcome stream. Needs the package built: (cd packages/fallback-strategies && npx tsup)
//
//   node tools/bench/fallback-sim.mjs [--methods 20000] [--seed 42] [--first-failure 0.3]
//     [--later-success 0.6,0.7] [--escalated-success P] [--mix syntax=0.3,compliance=0.4,security=0.1,quality=0.2]
//     [--tier cloud_fast] [--completion-tokens 600]
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { defaultPolicy } from '@onexgen/fallback-strategies';
import { freeTokenizers } from '@onexgen/onex/tokens';
import { createOutcomeModel, createRng, drawOutcomes, measurePromptTokens, runOurs, runPeer } from './fallback-sim-model.mjs';

// Prices in micro-dollars per token (= USD per million tokens); assumptions of this simulation.
const PRICES = { local: { input: 0, output: 0 }, cloud_fast: { input: 0.4, output: 1.6 }, cloud_premium: { input: 3, output: 15 } };

function fail(message) {
  console.error(`fallback-sim: ${message}`);
  process.exit(2);
}

function probability(name, text) {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) fail(`--${name} must be a number in [0, 1], got '${text}'`);
  return value;
}

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        methods: { type: 'string', default: '20000' },
        seed: { type: 'string', default: '42' },
        'first-failure': { type: 'string', default: '0.3' },
        'later-success': { type: 'string', default: '0.6,0.7' },
        'escalated-success': { type: 'string' },
        mix: { type: 'string', default: 'syntax=0.3,compliance=0.4,security=0.1,quality=0.2' },
        tier: { type: 'string', default: 'cloud_fast' },
        'completion-tokens': { type: 'string', default: '600' },
      },
    }));
  } catch (error) {
    fail(error.message);
  }
  const methods = Number(values.methods);
  if (!Number.isInteger(methods) || methods < 1 || methods > 1_000_000) fail(`--methods must be an integer in 1..1000000, got '${values.methods}'`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) fail(`--seed must be an integer, got '${values.seed}'`);
  const completionTokens = Number(values['completion-tokens']);
  if (!Number.isInteger(completionTokens) || completionTokens < 1) fail(`--completion-tokens must be a positive integer`);
  const mix = Object.fromEntries(
    values.mix.split(',').map((pair) => {
      const [kind, weight] = pair.split('=');
      if (!['syntax', 'compliance', 'security', 'quality'].includes(kind)) fail(`--mix: unknown failure kind '${kind}' (syntax, compliance, security, quality)`);
      return [kind, probability(`mix ${kind}`, weight)];
    }),
  );
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) fail(`--mix weights must add up to 1, got ${total}`);
  if (!(values.tier in PRICES)) fail(`--tier must be one of ${Object.keys(PRICES).join(', ')}`);
  return {
    methods,
    seed,
    completionTokens,
    mix,
    tier: values.tier,
    firstFailure: probability('first-failure', values['first-failure']),
    laterSuccess: values['later-success'].split(',').map((text) => probability('later-success', text)),
    // Unset: an escalated attempt succeeds as often as any attempt of its number (escalation then only costs).
    escalatedSuccess: values['escalated-success'] === undefined ? undefined : probability('escalated-success', values['escalated-success']),
  };
}

function summarise(results) {
  const n = results.length;
  const sum = (pick) => results.reduce((acc, result) => acc + pick(result), 0);
  return {
    success: sum((r) => (r.end === 'accept' ? 1 : 0)) / n,
    insecure: sum((r) => (r.insecureAccepted ? 1 : 0)),
    calls: sum((r) => r.calls) / n,
    tokens: sum((r) => r.tokens) / n,
    micros: sum((r) => r.costMicros) / n,
    ends: results.reduce((acc, r) => {
      const key = r.end === 'accept' ? `accept@${r.calls}` : r.end;
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {}),
  };
}

const pct = (x) => `${(100 * x).toFixed(2)} %`;
const usd = (micros) => `$${(micros / 1e6).toFixed(5)}`;
const row = (label, ...cells) => console.log(label.padEnd(30) + cells.map((cell) => String(cell).padStart(22)).join(''));
const ratio = (a, b) => (b === 0 ? 'n/a' : (a / b).toFixed(3));

const options = readOptions();
const maxAttempts = defaultPolicy.maxAttempts;
const { ours: promptTokens, peer: peerPromptTokens } = measurePromptTokens(maxAttempts, options.completionTokens);
const outcomes = drawOutcomes(createRng(options.seed), { ...options, maxAttempts });
const outcomeOf = createOutcomeModel(options);
const context = { tier: options.tier, promptTokens, peerPromptTokens, completionTokens: options.completionTokens, prices: PRICES, maxAttempts, outcomeOf };

const started = performance.now();
const ours = summarise(outcomes.map((stream) => runOurs(stream, context)));
const decideMs = performance.now() - started;
const sameTierPolicy = { ...defaultPolicy, escalation: { ...defaultPolicy.escalation, allowed: false } };
const sameTier = summarise(outcomes.map((stream) => runOurs(stream, { ...context, policy: sameTierPolicy })));
const peer = summarise(outcomes.map((stream) => runPeer(stream, context)));
freeTokenizers();

// What the default policy should give when every failure is retryable and the budget never binds.
const f = options.firstFailure;
const [s2, s3 = s2] = options.laterSuccess;
const expectedSuccess = 1 - f * (1 - s2) * (1 - s3);
const expectedCalls = 1 + f + f * (1 - s2);

const escalatedText = options.escalatedSuccess === undefined ? 'same as its attempt number' : pct(options.escalatedSuccess);
console.log(`fallback simulation: ${options.methods} methods, seed ${options.seed}, first-attempt failure ${pct(f)}, later-attempt success ${options.laterSuccess.map(pct).join(', ')}, escalated attempt success ${escalatedText}`);
console.log(`failure mix ${Object.entries(options.mix).map(([k, w]) => `${k} ${pct(w)}`).join(', ')}; start tier ${options.tier}; default policy: ${maxAttempts} attempts, escalate from attempt ${defaultPolicy.escalation.fromAttempt}, budget ${defaultPolicy.budget.maxTokens} tokens / ${usd(defaultPolicy.budget.maxCostMicros)}, then ${defaultPolicy.afterLastAttempt}`);
console.log(`prompt tokens per attempt (tiktoken cl100k): ours ${promptTokens.join(' / ')} (planRetry + buildRetryPrompt), peer ${peerPromptTokens.join(' / ')} (growing transcript); ${options.completionTokens} completion tokens each`);
console.log('');
row('', 'ours (default)', 'ours, no escalation', 'peer re-ask', 'default/peer');
const secure = (r) => r.success - r.insecure / options.methods;
row('final success rate', pct(ours.success), pct(sameTier.success), pct(peer.success), ratio(ours.success, peer.success));
row('  insecure answers accepted', ours.insecure, sameTier.insecure, peer.insecure);
row('  success with secure code', pct(secure(ours)), pct(secure(sameTier)), pct(secure(peer)), ratio(secure(ours), secure(peer)));
row('avg LLM calls per method', ours.calls.toFixed(4), sameTier.calls.toFixed(4), peer.calls.toFixed(4), ratio(ours.calls, peer.calls));
row('avg tokens per method', ours.tokens.toFixed(0), sameTier.tokens.toFixed(0), peer.tokens.toFixed(0), ratio(ours.tokens, peer.tokens));
row('avg cost per method', usd(ours.micros), usd(sameTier.micros), usd(peer.micros), ratio(ours.micros, peer.micros));
console.log('');
console.log(`ours, how methods ended: ${Object.entries(ours.ends).sort().map(([k, c]) => `${k} ${pct(c / options.methods)}`).join(', ')}`);
console.log(`ours without escalation: ${Object.entries(sameTier.ends).sort().map(([k, c]) => `${k} ${pct(c / options.methods)}`).join(', ')}`);
console.log(`peer, how methods ended: ${Object.entries(peer.ends).sort().map(([k, c]) => `${k} ${pct(c / options.methods)}`).join(', ')}`);
if (options.escalatedSuccess === undefined) console.log('(escalation is only worth its price if the higher tier succeeds more often: try --escalated-success 0.9)');
console.log(`analytic check, no escalation benefit (all retryable, budget not binding): success ${pct(expectedSuccess)}, calls ${expectedCalls.toFixed(4)}`);
console.log(`decide() throughput: ${options.methods} methods in ${decideMs.toFixed(0)} ms (${((1000 * ours.calls * options.methods) / decideMs).toFixed(0)} decisions/s)`);

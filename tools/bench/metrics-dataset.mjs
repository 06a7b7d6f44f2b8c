// A deterministic, realistic-looking set of records for @onexgen/metrics (report screenshot and
// benchmark): three models with real-world price shapes, four node types, heavy-tailed latencies,
// retries and fallbacks in plausible proportions. Seeded, so every run draws the same data.
import { randomUUID } from 'node:crypto';
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

const MODELS = [
  { provider: 'openai', model: 'gpt-4o-mini', tier: 'cloud_fast', inPerM: 150_000, outPerM: 600_000, latency: 900 },
  { provider: 'anthropic', model: 'claude-sonnet-4', tier: 'cloud_premium', inPerM: 3_000_000, outPerM: 15_000_000, latency: 2400 },
  { provider: 'ollama', model: 'codellama:7b', tier: 'local', inPerM: 0, outPerM: 0, latency: 3500 },
];
const NODES = [
  { nodeType: 'effect', services: ['payments_gateway', 'email_sender', 'kafka_publisher'] },
  { nodeType: 'compute', services: ['price_calculator', 'risk_scorer'] },
  { nodeType: 'reducer', services: ['ledger_reducer', 'metrics_rollup'] },
  { nodeType: 'orchestrator', services: ['checkout_flow'] },
];
const STRATEGIES = [
  ['llm', 70], ['cache', 8], ['learned_template', 5], ['pattern', 4], ['retry', 8], ['template_fallback', 3], ['partial', 2],
];
const SECTIONS = ['system', 'contract', 'patterns', 'references', 'examples', 'instructions'];

export function createRandom(seed = 42) {
  const rng = xoroshiro128plus(seed);
  const int = (min, max) => unsafeUniformIntDistribution(min, max, rng);
  const unit = () => int(0, 1_000_000) / 1_000_000;
  const pick = (items) => items[int(0, items.length - 1)];
  const weighted = (pairs) => {
    let roll = int(1, pairs.reduce((n, [, w]) => n + w, 0));
    for (const [value, w] of pairs) if ((roll -= w) <= 0) return value;
    return pairs[0][0];
  };
  return { int, unit, pick, weighted };
}

/**
 * `count` generations spread over `days` days before `end`, each with its attempts, context build
 * and fallback events. Returns the inputs the store's record functions take.
 */
export function syntheticDataset({ count, days = 7, end = new Date('2026-11-23T00:00:00Z'), seed = 42, withDetails = true }) {
  const r = createRandom(seed);
  const span = days * 86_400_000;
  const generations = [];
  const attempts = [];
  const contextBuilds = [];
  const fallbacks = [];
  for (let i = 0; i < count; i += 1) {
    // Later days are busier: the team adopted the tool during the week.
    const at = new Date(end.getTime() - span * (1 - Math.sqrt(r.unit())));
    const m = r.weighted([[MODELS[0], 55], [MODELS[1], 25], [MODELS[2], 20]]);
    const node = r.pick(NODES);
    const strategy = r.weighted(STRATEGIES);
    const correlationId = randomUUID();
    const methodName = `method_${i}`;
    const tokensInput = r.int(1500, 6000);
    const tokensOutput = r.int(150, 900);
    const cached = strategy === 'cache';
    const tail = r.unit() < 0.05 ? 3 + r.unit() * 4 : 1;
    const latencyMs = cached ? r.int(2, 30) : Math.round(m.latency * (0.5 + r.unit()) * tail);
    const costMicroUsd = cached ? 0 : Math.round((tokensInput * m.inPerM + tokensOutput * m.outPerM) / 1_000_000);
    const syntaxValid = r.unit() < 0.93;
    const onexCompliant = syntaxValid && r.unit() < 0.86;
    const fellBack = strategy === 'retry' || strategy === 'template_fallback' || strategy === 'partial';
    generations.push({
      correlationId, nodeType: node.nodeType, serviceName: r.pick(node.services), methodName, operationType: 'method_implementation',
      tier: m.tier, provider: m.provider, model: m.model, tokensInput, tokensOutput, latencyMs, costMicroUsd,
      syntaxValid, onexCompliant, hasTypeHints: r.unit() < 0.9, validationPassed: syntaxValid && onexCompliant && !fellBack,
      qualityScore: Math.round(r.unit() * 100) / 100, strategy, attempts: fellBack ? 2 : 1, finishReason: 'stop', createdAt: at,
    });
    if (!withDetails) continue;
    let attempt = 1;
    if (strategy === 'retry') {
      attempts.push({ correlationId, attempt: attempt++, nodeType: node.nodeType, provider: m.provider, model: m.model, tier: m.tier, status: r.unit() < 0.5 ? 'error' : 'timeout', errorClass: 'RateLimitError', httpStatus: 429, latencyMs: r.int(40, 400), createdAt: new Date(at.getTime() - 5000) });
    }
    attempts.push({ correlationId, attempt, nodeType: node.nodeType, provider: m.provider, model: m.model, tier: m.tier, status: 'success', latencyMs, timeToFirstTokenMs: Math.round(latencyMs * (0.15 + r.unit() * 0.1)), tokensInput, tokensOutput, tokensCached: r.unit() < 0.3 ? r.int(0, 1024) : 0, costMicroUsd, cacheHit: cached, createdAt: at });
    const tokensPerSection = Object.fromEntries(SECTIONS.map((s) => [s, s === 'patterns' ? r.int(400, 1800) : r.int(50, 700)]));
    const totalTokens = Object.values(tokensPerSection).reduce((a, b) => a + b, 0);
    const budgetTokens = 4000;
    contextBuilds.push({ correlationId, nodeType: node.nodeType, methodName, buildMs: r.int(5, 80), totalTokens, budgetTokens, tokensPerSection, truncatedSections: totalTokens > budgetTokens ? ['references'] : [], patternsIncluded: r.int(1, 3), patternsAvailable: r.int(3, 6), referencesIncluded: 1, referencesAvailable: 3, createdAt: new Date(at.getTime() - 10_000) });
    if (fellBack) {
      const fallbackStrategy = strategy === 'retry' ? 'retry' : strategy === 'partial' ? 'partial' : 'template';
      fallbacks.push({ correlationId, nodeType: node.nodeType, methodName, strategy: fallbackStrategy, reason: syntaxValid ? 'ONEX compliance failed' : 'syntax error', attempts: 1, success: strategy !== 'partial', durationMs: r.int(1, 3000), createdAt: new Date(at.getTime() - 1000) });
    }
  }
  return { generations, attempts, contextBuilds, fallbacks };
}

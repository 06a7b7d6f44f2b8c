// A small seeded data set whose aggregates are worked out by hand in aggregate-contract.ts.
// Window under test: [2026-11-20, 2026-11-23) UTC; one generation lies outside it.
import type { AttemptInput, ContextBuildInput, FallbackInput, GenerationInput } from '../../src/index.js';

export const WINDOW = { since: new Date('2026-11-20T00:00:00Z'), until: new Date('2026-11-23T00:00:00Z') };

const corr = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
export const CORRELATION = { g1: corr(1), g2: corr(2), g3: corr(3), g4: corr(4), g5: corr(5), g6: corr(6) };

const base = {
  operationType: 'method_implementation',
  hasTypeHints: true,
  finishReason: 'stop',
};

export const GENERATIONS: GenerationInput[] = [
  { ...base, correlationId: CORRELATION.g1, nodeType: 'effect', serviceName: 'payments', methodName: 'charge', tier: 'cloud_fast', provider: 'openai', model: 'gpt-a', tokensInput: 1000, tokensOutput: 200, latencyMs: 100, costMicroUsd: 1500, syntaxValid: true, onexCompliant: true, validationPassed: true, qualityScore: 0.9, strategy: 'llm', createdAt: new Date('2026-11-20T10:00:00Z') },
  { ...base, correlationId: CORRELATION.g2, nodeType: 'effect', serviceName: 'payments', methodName: 'refund', tier: 'cloud_fast', provider: 'openai', model: 'gpt-a', tokensInput: 2000, tokensOutput: 400, latencyMs: 200, costMicroUsd: 3000, syntaxValid: true, onexCompliant: false, validationPassed: false, qualityScore: 0.5, strategy: 'retry', attempts: 2, createdAt: new Date('2026-11-20T11:30:00Z') },
  { ...base, correlationId: CORRELATION.g3, nodeType: 'compute', serviceName: 'pricing', methodName: 'quote', tier: 'cloud_premium', provider: 'anthropic', model: 'claude-b', tokensInput: 1500, tokensOutput: 300, latencyMs: 300, costMicroUsd: 9000, syntaxValid: true, onexCompliant: true, validationPassed: true, qualityScore: 0.8, strategy: 'llm', createdAt: new Date('2026-11-21T09:00:00Z') },
  { ...base, correlationId: CORRELATION.g4, nodeType: 'compute', serviceName: 'pricing', methodName: 'discount', tier: 'cloud_premium', provider: 'anthropic', model: 'claude-b', tokensInput: 500, tokensOutput: 100, latencyMs: 400, costMicroUsd: 4000, syntaxValid: false, onexCompliant: false, validationPassed: false, qualityScore: 0.2, strategy: 'template_fallback', attempts: 2, createdAt: new Date('2026-11-21T09:45:00Z') },
  { ...base, correlationId: CORRELATION.g5, nodeType: 'reducer', serviceName: 'ledger', methodName: 'fold', tier: 'local', provider: 'ollama', model: 'codellama', tokensInput: 800, tokensOutput: 160, latencyMs: 1000, costMicroUsd: 0, syntaxValid: true, onexCompliant: true, validationPassed: true, qualityScore: 1, strategy: 'cache', createdAt: new Date('2026-11-22T12:00:00Z') },
  // outside the window
  { ...base, correlationId: CORRELATION.g6, nodeType: 'effect', serviceName: 'payments', methodName: 'void', tier: 'cloud_fast', provider: 'openai', model: 'gpt-a', tokensInput: 10, tokensOutput: 10, latencyMs: 5000, costMicroUsd: 100, strategy: 'llm', createdAt: new Date('2026-11-25T00:00:00Z') },
];

export const ATTEMPTS: AttemptInput[] = [
  { correlationId: CORRELATION.g1, attempt: 1, nodeType: 'effect', provider: 'openai', model: 'gpt-a', tier: 'cloud_fast', status: 'success', latencyMs: 90, timeToFirstTokenMs: 20, tokensInput: 1000, tokensOutput: 200, costMicroUsd: 1500, createdAt: new Date('2026-11-20T10:00:00Z') },
  { correlationId: CORRELATION.g2, attempt: 1, nodeType: 'effect', provider: 'openai', model: 'gpt-a', tier: 'cloud_fast', status: 'error', errorClass: 'RateLimitError', httpStatus: 429, latencyMs: 50, createdAt: new Date('2026-11-20T11:29:00Z') },
  { correlationId: CORRELATION.g2, attempt: 2, retryNumber: 1, nodeType: 'effect', provider: 'openai', model: 'gpt-a', tier: 'cloud_fast', status: 'success', latencyMs: 180, timeToFirstTokenMs: 40, tokensInput: 2000, tokensOutput: 400, tokensCached: 500, costMicroUsd: 3000, createdAt: new Date('2026-11-20T11:30:00Z') },
  { correlationId: CORRELATION.g3, attempt: 1, nodeType: 'compute', provider: 'anthropic', model: 'claude-b', tier: 'cloud_premium', status: 'success', latencyMs: 280, timeToFirstTokenMs: 60, tokensInput: 1500, tokensOutput: 300, tokensReasoning: 100, costMicroUsd: 9000, createdAt: new Date('2026-11-21T09:00:00Z') },
  { correlationId: CORRELATION.g4, attempt: 1, nodeType: 'compute', provider: 'anthropic', model: 'claude-b', tier: 'cloud_premium', status: 'timeout', errorClass: 'TimeoutError', latencyMs: 400, createdAt: new Date('2026-11-21T09:40:00Z') },
  { correlationId: CORRELATION.g5, attempt: 1, nodeType: 'reducer', provider: 'ollama', model: 'codellama', tier: 'local', status: 'success', latencyMs: 2, timeToFirstTokenMs: 1, cacheHit: true, createdAt: new Date('2026-11-22T12:00:00Z') },
];

export const FALLBACKS: FallbackInput[] = [
  { correlationId: CORRELATION.g2, nodeType: 'effect', methodName: 'refund', strategy: 'retry', reason: 'syntax error line 3', attempts: 1, success: true, durationMs: 1200, createdAt: new Date('2026-11-20T11:29:30Z') },
  { correlationId: CORRELATION.g4, nodeType: 'compute', methodName: 'discount', strategy: 'retry', reason: 'missing type hints', attempts: 1, success: false, durationMs: 900, createdAt: new Date('2026-11-21T09:41:00Z') },
  { correlationId: CORRELATION.g4, nodeType: 'compute', methodName: 'discount', strategy: 'template', reason: 'two failed attempts', attempts: 2, success: true, durationMs: 5, createdAt: new Date('2026-11-21T09:45:00Z') },
];

export const CONTEXT_BUILDS: ContextBuildInput[] = [
  { correlationId: CORRELATION.g1, nodeType: 'effect', methodName: 'charge', buildMs: 10, totalTokens: 1000, budgetTokens: 4000, tokensPerSection: { system: 200, patterns: 500, contract: 300 }, patternsIncluded: 3, patternsAvailable: 3, createdAt: new Date('2026-11-20T09:59:00Z') },
  { correlationId: CORRELATION.g3, nodeType: 'compute', methodName: 'quote', buildMs: 30, totalTokens: 1500, budgetTokens: 2000, tokensPerSection: { system: 200, patterns: 900, references: 400 }, truncatedSections: ['references'], patternsIncluded: 2, patternsAvailable: 5, referencesIncluded: 1, referencesAvailable: 4, createdAt: new Date('2026-11-21T08:59:00Z') },
  { correlationId: CORRELATION.g5, nodeType: 'reducer', methodName: 'fold', buildMs: 20, totalTokens: 800, budgetTokens: 4000, tokensPerSection: { system: 200, contract: 600 }, createdAt: new Date('2026-11-22T11:59:00Z') },
];

import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { countTokens } from '@onexgen/onex/tokens';
import { createLLMClient, type ClientOptions, type LLMClient, type LLMConfigLayer, type LLMEvent } from '../src/index.js';

export const KEYS = {
  ZAI_API_KEY: 'zai-secret-KEY-0123456789abcdef',
  OPENAI_API_KEY: 'sk-openai-secret-KEY-0123456789',
  ANTHROPIC_API_KEY: 'sk-ant-secret-KEY-0123456789',
  GEMINI_API_KEY: 'AIza-gemini-secret-KEY-0123456789',
};

/** Every provider pointed at the simulator, retries fast (ms, not seconds) so tests stay quick. */
export function simLayer(sim: LlmSim): LLMConfigLayer {
  return {
    providers: {
      zai: { kind: 'openai-compatible', baseUrl: `${sim.url}/api/paas/v4`, apiKeyEnv: 'ZAI_API_KEY' },
      openai: { kind: 'openai-compatible', baseUrl: `${sim.url}/v1`, apiKeyEnv: 'OPENAI_API_KEY' },
      anthropic: { kind: 'anthropic', baseUrl: `${sim.url}/v1`, apiKeyEnv: 'ANTHROPIC_API_KEY' },
      gemini: { kind: 'gemini', baseUrl: `${sim.url}/v1beta`, apiKeyEnv: 'GEMINI_API_KEY' },
      ollama: { kind: 'ollama', baseUrlEnv: 'OLLAMA_HOST' },
    },
    retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 40, totalBudgetMs: 5_000, maxRetryAfterMs: 2_000 },
    timeouts: { requestMs: 5_000, streamIdleMs: 2_000 },
    breaker: { failureThreshold: 3, halfOpenAfterMs: 200 },
  };
}

export interface TestClient {
  client: LLMClient;
  events: LLMEvent[];
}

/** A client kept open for a whole test file: it holds the shared tokenizer, warmed up front. */
export function anchorClient(sim: LlmSim): LLMClient {
  const { client } = simClient(sim);
  countTokens('warm', 'cl100k_base');
  countTokens('warm', 'o200k_base');
  return client;
}

export function simClient(sim: LlmSim, layers: LLMConfigLayer[] = [], options: ClientOptions = {}): TestClient {
  const events: LLMEvent[] = [];
  const client = createLLMClient([simLayer(sim), ...layers], {
    env: { ...KEYS, OLLAMA_HOST: sim.url.replace('http://', '') },
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { client, events };
}

export const attempts = (events: LLMEvent[]) => events.filter((e) => e.type === 'attempt');

/** Milliseconds between consecutive requests the simulator received. */
export const gaps = (sim: LlmSim) => sim.requests.slice(1).map((r, i) => r.receivedAt - sim.requests[i]!.receivedAt);

/** Two-target cloud_fast chain: zai glm-4.5 first, openai gpt-4o-mini as failover. */
export const TWO_TARGETS: LLMConfigLayer = {
  tiers: { cloud_fast: [{ provider: 'zai', model: 'glm-4.5' }, { provider: 'openai', model: 'gpt-4o-mini' }] },
};

/**
 * One simulator per test file, started before its tests and closed after; reset (empty scenario,
 * no recorded requests) before each test. A client held open keeps the tokenizer warm throughout.
 */
export function useSimulator(): { readonly sim: LlmSim } {
  const h = {} as { sim: LlmSim; anchor: LLMClient };
  beforeAll(async () => {
    h.sim = await startLlmSim();
    h.anchor = anchorClient(h.sim);
  });
  afterAll(async () => {
    h.anchor.close();
    await h.sim.close();
  });
  beforeEach(() => {
    h.sim.setScenario({});
    h.sim.reset();
  });
  return h;
}

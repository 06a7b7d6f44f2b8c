// Turns the app's configuration (files' `llm` sections, provider/base URL/model/tier from the
// environment and flags, the run budget) into llm-effect cascade layers, and decides whether any
// provider is configured at all (if not: offline mode).
import type { LLMConfigLayer } from '@onexgen/llm-effect';
import { TIERS, type Tier } from '@onexgen/onex';
import type { LlmSetup } from '@onexgen/pipeline';
import type { LoadedConfig } from '../config/load-config.js';
import { resolveCredentials } from '../config/env-layer.js';

type Env = Record<string, string | undefined>;

/** A model to use when a provider is chosen without one (all present in llm-effect's catalog). */
const DEFAULT_MODEL: Record<string, string> = {
  'openai-compatible': 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
  gemini: 'gemini-2.0-flash',
  ollama: 'qwen2.5-coder:7b',
};

/** the llm-effect provider name of the provider chosen by --provider / --base-url / a key variable */
export const PROVIDER_NAME = 'onexgen';

/** printable `describe`: provider kind, model, base URL and where the key came from (never the key) */
export type { LlmSetup };

/** undefined → offline: nothing names a provider and no key or OLLAMA_HOST is set. */
export function llmSetup(loaded: LoadedConfig, env: Env, sessionId: string): LlmSetup | undefined {
  const { config } = loaded;
  if (config.offline) return undefined;
  const fileLayers = loaded.llmLayers as LLMConfigLayer[];
  const chosen = config.provider !== undefined || config.baseUrl !== undefined;
  if (!chosen && fileLayers.length === 0) return undefined;
  const layers: LLMConfigLayer[] = [...fileLayers];
  let describe = 'the providers of the configuration file';
  if (chosen) {
    const kind = config.provider ?? 'openai-compatible';
    const credentials = resolveCredentials(env, kind);
    const model = config.model ?? DEFAULT_MODEL[kind]!;
    // each tier asks `model` unless tierModels names another for it: only then does escalating change anything
    const chainOf = (tier: Tier) => [{ provider: PROVIDER_NAME, model: config.tierModels?.[tier] ?? model }];
    layers.push({
      providers: {
        [PROVIDER_NAME]: {
          kind,
          ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
          ...(kind === 'ollama' && !config.baseUrl ? { baseUrlEnv: 'OLLAMA_HOST', baseUrl: 'http://127.0.0.1:11434' } : {}),
          ...(credentials.source ? { apiKeyEnv: credentials.source } : {}),
          // as many requests in flight as methods the run generates at once
          maxConcurrent: config.concurrency,
        },
      },
      tiers: Object.fromEntries(TIERS.map((t) => [t, chainOf(t)])) as Record<Tier, ReturnType<typeof chainOf>>,
    });
    const others = Object.entries(config.tierModels ?? {}).filter(([, m]) => m !== model).map(([t, m]) => `, ${t} ${m}`).join('');
    describe = `${kind} ${model}${others}${config.baseUrl ? ` at ${config.baseUrl}` : ''}${credentials.source ? ` (key from ${credentials.source})` : ''}`;
  } else if (config.model) {
    describe = `${describe}, model ${config.model}`;
  }
  layers.push({
    defaultTier: config.tier,
    runId: sessionId,
    timeouts: { requestMs: config.timeoutMs },
    // the run's one budget: llm-effect checks it before every call and charges it after (in the
    // database's spend table, so the workers of a queued run share it)
    ...(config.budgetUsd || config.budgetTokens
      ? { budgets: [{ scope: 'run', ...(config.budgetUsd ? { limitUsd: config.budgetUsd } : {}), ...(config.budgetTokens ? { limitTokens: config.budgetTokens } : {}), hardStop: true }] }
      : {}),
  });
  return { layers, describe };
}

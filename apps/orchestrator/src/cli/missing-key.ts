// Before a run calls a model: if no target of the run's tier has the key it needs, say which variable
// to set (instead of a provider error naming none, after the database was opened).
import { resolveLLMConfig } from '@onexgen/llm-effect';
import type { LoadedConfig } from '../config/load-config.js';
import { keyVariablesFor } from '../config/env-layer.js';
import { PROVIDER_NAME, type LlmSetup } from '../llm/llm-layers.js';
import { OnexgenError } from '@onexgen/pipeline/errors';

type Env = Record<string, string | undefined>;

/** The variables that would give this target a key, or [] when it needs none or has one. */
function missingVariables(
  provider: { kind: string; apiKey?: string | undefined; apiKeyEnv?: string | undefined },
  env: Env,
  chosen: Pick<LoadedConfig['config'], 'provider' | 'baseUrl'>,
  isChosen: boolean,
): string[] {
  if (provider.kind === 'ollama' || provider.apiKey) return [];
  if (provider.apiKeyEnv) return env[provider.apiKeyEnv] ? [] : [provider.apiKeyEnv];
  // the provider chosen by --provider/--base-url without a key: a base URL of one's own (vLLM, a
  // gateway) may need none; without one it is the provider's public cloud (llm-effect fills in its
  // endpoint), which does
  if (isChosen && !chosen.baseUrl) return keyVariablesFor(chosen.provider ?? 'openai-compatible');
  return [];
}

/** Throws when every target of the tier lacks its key; the message names the variables to set. */
export function assertKeysPresent(loaded: LoadedConfig, setup: LlmSetup, env: Env): void {
  const config = resolveLLMConfig(...setup.layers);
  const tier = loaded.config.tier;
  const chain = config.tiers[tier];
  const missing = chain.map((target) => {
    const provider = config.providers[target.provider]!;
    const chosen = target.provider === PROVIDER_NAME;
    const label = `${chosen ? provider.kind : target.provider}:${target.model}`;
    return { label, variables: missingVariables(provider, env, loaded.config, chosen) };
  });
  if (chain.length === 0 || missing.some((m) => m.variables.length === 0)) return;
  const variables = [...new Set(missing.flatMap((m) => m.variables))];
  const targets = missing.map((m) => m.label).join(', ');
  throw new OnexgenError(
    'USAGE',
    `no API key for the ${tier} tier (${targets}): set ${variables.join(' or ')}, or run with --offline`,
  );
}

import { PUBLIC_BASE_URLS } from './public-endpoints.js';
import type { LLMConfigInput } from './schema.js';

/**
 * System defaults (the seeds' choices): cloud_fast → Z.ai glm-4.5, cloud_premium → glm-4.6,
 * local → Ollama. Every value is overridable by the project and agent/method layers.
 */
export const DEFAULT_CONFIG: LLMConfigInput = {
  providers: {
    zai: { kind: 'openai-compatible', baseUrl: 'https://api.z.ai/api/paas/v4', apiKeyEnv: 'ZAI_API_KEY', maxConcurrent: 8 },
    openai: {
      kind: 'openai-compatible',
      baseUrl: PUBLIC_BASE_URLS['openai-compatible'],
      apiKeyEnv: 'OPENAI_API_KEY',
      maxTokensParam: 'max_completion_tokens',
    },
    anthropic: {
      kind: 'anthropic',
      baseUrl: PUBLIC_BASE_URLS.anthropic,
      apiKeyEnv: 'ANTHROPIC_API_KEY',
    },
    gemini: { kind: 'gemini', baseUrl: PUBLIC_BASE_URLS.gemini, apiKeyEnv: 'GEMINI_API_KEY' },
    ollama: { kind: 'ollama', baseUrlEnv: 'OLLAMA_HOST', baseUrl: PUBLIC_BASE_URLS.ollama, maxConcurrent: 2 },
  },
  tiers: {
    local: [{ provider: 'ollama', model: 'qwen2.5-coder:7b' }],
    cloud_fast: [{ provider: 'zai', model: 'glm-4.5' }],
    cloud_premium: [{ provider: 'zai', model: 'glm-4.6' }],
  },
  defaultTier: 'cloud_fast',
  escalate: false,
};

import type { PROVIDER_KINDS } from './schema.js';

/**
 * Where each provider kind answers when a configuration names the kind but no base URL: the
 * providers' public APIs (OpenAI for openai-compatible; a local Ollama). A configured `baseUrl`
 * or a value in `baseUrlEnv` always wins; the adapters append their paths (`/messages`, …).
 */
export const PUBLIC_BASE_URLS: Readonly<Record<(typeof PROVIDER_KINDS)[number], string>> = {
  'openai-compatible': 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta',
  ollama: 'http://127.0.0.1:11434',
};

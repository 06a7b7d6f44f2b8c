// The providers --provider accepts, without zod: the command definitions read them at start-up, where
// loading a schema library would cost more than the whole `--help`. (Tiers are onex's; --tier is
// checked by the configuration schema when a command runs.)
export const PROVIDERS = ['openai-compatible', 'anthropic', 'gemini', 'ollama'] as const;

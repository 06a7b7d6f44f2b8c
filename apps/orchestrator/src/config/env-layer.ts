// The environment layer of the cascade. API keys are read here and only here; they never enter the
// configuration object (see resolveCredentials), so they cannot reach files, rows or logs through it.
import { redactionList } from '@onexgen/onex';
import type { ConfigLayer } from './schema.js';

type Env = Record<string, string | undefined>;

export interface Credentials {
  apiKey?: string;
  /** the variable the key came from (safe to print) */
  source?: string;
}

/** Which provider a key variable implies, when nothing more specific is configured. */
const KEY_VARIABLES: { variable: string; provider: ConfigLayer['provider']; baseUrl?: string; model?: string }[] = [
  { variable: 'ONEXGEN_API_KEY', provider: undefined },
  { variable: 'ZAI_API_KEY', provider: 'openai-compatible', baseUrl: 'https://api.z.ai/api/paas/v4', model: 'glm-4.5' },
  { variable: 'OPENAI_API_KEY', provider: 'openai-compatible', baseUrl: 'https://api.openai.com/v1' },
  { variable: 'ANTHROPIC_API_KEY', provider: 'anthropic' },
  { variable: 'GEMINI_API_KEY', provider: 'gemini' },
];

function numberVar(env: Env, name: string): number | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : Number(v);
}

/** ONEXGEN_* variables plus the provider a key or OLLAMA_HOST implies. */
export function envLayer(env: Env): ConfigLayer {
  const layer: Record<string, unknown> = {};
  const implied = KEY_VARIABLES.find((k) => env[k.variable] && k.provider);
  if (implied) {
    layer.provider = implied.provider;
    if (implied.baseUrl) layer.baseUrl = implied.baseUrl;
    if (implied.model) layer.model = implied.model;
  } else if (env.OLLAMA_HOST) {
    layer.provider = 'ollama';
    layer.baseUrl = /^https?:\/\//.test(env.OLLAMA_HOST) ? env.OLLAMA_HOST : `http://${env.OLLAMA_HOST}`;
    layer.tier = 'local';
  }
  const strings: [string, string][] = [
    ['ONEXGEN_PROVIDER', 'provider'],
    ['ONEXGEN_BASE_URL', 'baseUrl'],
    ['ONEXGEN_MODEL', 'model'],
    ['ONEXGEN_TIER', 'tier'],
    ['ONEXGEN_POOL', 'pool'],
  ];
  for (const [name, key] of strings) if (env[name]) layer[key] = env[name];
  if (env.DATABASE_URL) layer.db = env.DATABASE_URL;
  const numbers: [string, string][] = [
    ['ONEXGEN_CONCURRENCY', 'concurrency'],
    ['ONEXGEN_BUDGET_USD', 'budgetUsd'],
    ['ONEXGEN_MAX_ATTEMPTS', 'maxAttempts'],
  ];
  for (const [name, key] of numbers) {
    const n = numberVar(env, name);
    if (n !== undefined) layer[key] = n;
  }
  if (env.ONEXGEN_OFFLINE === '1' || env.ONEXGEN_OFFLINE === 'true') layer.offline = true;
  return layer as ConfigLayer;
}

/** The key for the configured provider: ONEXGEN_API_KEY first, then the provider's own variable. */
export function resolveCredentials(env: Env, provider: ConfigLayer['provider']): Credentials {
  if (env.ONEXGEN_API_KEY) return { apiKey: env.ONEXGEN_API_KEY, source: 'ONEXGEN_API_KEY' };
  for (const k of KEY_VARIABLES) {
    if (k.provider === provider && env[k.variable]) return { apiKey: env[k.variable], source: k.variable };
  }
  return {};
}

/** The variables that hold a key for a provider kind, in the order resolveCredentials reads them. */
export function keyVariablesFor(provider: ConfigLayer['provider']): string[] {
  return ['ONEXGEN_API_KEY', ...KEY_VARIABLES.filter((k) => k.provider === provider).map((k) => k.variable)];
}

/** Every key value present in the environment, for redaction of anything the app prints or stores. */
export function secretValues(env: Env): string[] {
  return redactionList(KEY_VARIABLES.map((k) => env[k.variable]));
}

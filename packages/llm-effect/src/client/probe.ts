// One minimal request to each provider a configuration's tiers use, before a long run: is its key
// there (never shown), does it answer, what did the answer cost. Each provider is asked on its own
// (a client whose every tier is just that target, no retries, no cache), so a healthy provider
// further down a chain can never hide a broken one.
import { TIERS } from '@onexgen/onex';
import { resolveLLMConfig, type LLMConfigLayer } from '../config/cascade.js';
import type { LLMConfig } from '../config/schema.js';
import { LLMError, ProviderError, AllTargetsFailedError, type ErrorClass } from '../errors.js';
import { createLLMClient } from './client.js';

export interface ProbeOptions {
  /** where keys and OLLAMA_HOST are read (default process.env) */
  env?: Record<string, string | undefined>;
  /** per request until the headers arrive (default 15 s) */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** false: check the keys only and send nothing (nothing is spent) */
  request?: boolean;
}

export interface ProviderProbe {
  /** the provider's name in the configuration */
  provider: string;
  kind: string;
  model: string;
  /** the tiers whose chains name this provider */
  tiers: string[];
  /** 'present' / 'missing' / 'not needed' (Ollama, or a base URL of one's own without apiKeyEnv) */
  key: 'present' | 'missing' | 'not needed';
  /** the variable the key is read from (safe to print; the key itself never is) */
  keyVariable?: string;
  ok: boolean;
  latencyMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  costMicros?: number;
  costUsd?: number;
  errorClass?: ErrorClass | 'key_missing' | 'other';
  /** what went wrong, in the provider's words (redacted) */
  message?: string;
  /** what to do about it */
  fix?: string;
}

const PROBE_PROMPT = 'Reply with the single word OK.';

/** The providers the tiers use, each with the first model a chain pairs it with. */
function usedProviders(config: LLMConfig): { provider: string; model: string; tiers: string[] }[] {
  const found = new Map<string, { provider: string; model: string; tiers: string[] }>();
  for (const tier of TIERS) {
    for (const target of config.tiers[tier]) {
      const entry = found.get(target.provider) ?? { provider: target.provider, model: target.model, tiers: [] };
      if (!entry.tiers.includes(tier)) entry.tiers.push(tier);
      found.set(target.provider, entry);
    }
  }
  return [...found.values()];
}

function fixFor(cls: string, probe: Pick<ProviderProbe, 'provider' | 'model' | 'keyVariable'>, baseUrl: string | undefined): string {
  const key = probe.keyVariable ? `the key in ${probe.keyVariable}` : 'the key';
  switch (cls) {
    case 'auth':
      return `${key} was refused: check it (or create a new one in the provider's console)`;
    case 'quota_exhausted':
    case 'account_locked':
      return `the account behind ${key} cannot be used now (quota or account state): top it up or use another provider`;
    case 'rate_limited':
      return 'the provider is limiting requests: wait, or lower --concurrency / requestsPerMinute';
    case 'not_found':
      return `the provider does not know model "${probe.model}" (or the base URL is wrong): check the model name and ${baseUrl ?? 'the base URL'}`;
    case 'network':
      return `nothing answered at ${baseUrl ?? 'the base URL'}: is the server running, is the URL right, is there a proxy in the way?`;
    case 'timeout':
    case 'stream_idle_timeout':
      return `no answer in time from ${baseUrl ?? 'the provider'}: check the network or raise timeouts.requestMs`;
    case 'server_error':
    case 'invalid_response':
    case 'stream_incomplete':
      return 'the provider answered with an error or a broken answer: retry later, or fail over to another provider in the tier';
    case 'circuit_open':
      return 'the breaker is open after repeated failures: wait for halfOpenAfterMs';
    case 'context_window':
    case 'bad_request':
      return `the provider refused the request: check providers.${probe.provider} (kind, maxTokensParam) and the model name`;
    default:
      return 'see the message above';
  }
}

function failure(error: unknown): { errorClass: ProviderProbe['errorClass']; message: string } {
  if (error instanceof AllTargetsFailedError) {
    const last = error.failures.at(-1);
    if (last) return { errorClass: last.errorClass, message: last.message };
  }
  if (error instanceof ProviderError) return { errorClass: error.errorClass, message: error.message };
  if (error instanceof LLMError) return { errorClass: 'other', message: error.message };
  return { errorClass: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** Probes every provider the tiers of `layers` use, one after another (a handful of tiny requests). */
export async function probeProviders(layers: LLMConfigLayer | LLMConfigLayer[], options: ProbeOptions = {}): Promise<ProviderProbe[]> {
  const list = Array.isArray(layers) ? layers : [layers];
  const config = resolveLLMConfig(...list);
  const env = options.env ?? process.env;
  const probes: ProviderProbe[] = [];
  for (const used of usedProviders(config)) {
    const pc = config.providers[used.provider]!;
    const keyVariable = pc.apiKeyEnv;
    const key: ProviderProbe['key'] = pc.apiKey || (keyVariable && env[keyVariable]) ? 'present' : keyVariable ? 'missing' : 'not needed';
    const probe: ProviderProbe = { ...used, kind: pc.kind, key, ...(keyVariable ? { keyVariable } : {}), ok: false };
    const baseUrl = (pc.baseUrlEnv ? env[pc.baseUrlEnv] : undefined) ?? pc.baseUrl;
    if (key === 'missing') {
      probes.push({ ...probe, errorClass: 'key_missing', message: `${keyVariable} is not set`, fix: `set ${keyVariable} (export ${keyVariable}=…)` });
      continue;
    }
    if (options.request === false) {
      probes.push({ ...probe, ok: true });
      continue;
    }
    const target = [{ provider: used.provider, model: used.model }];
    const client = createLLMClient(
      [
        ...list,
        {
          tiers: { local: target, cloud_fast: target, cloud_premium: target },
          escalate: false,
          retry: { maxRetries: 0 },
          cache: { enabled: false },
          budgets: [],
          timeouts: { requestMs: options.timeoutMs ?? 15_000 },
        },
      ],
      { env },
    );
    try {
      const response = await client.generate({ prompt: PROBE_PROMPT, maxOutputTokens: 5, cache: false, operationType: 'doctor' }, options.signal ? { signal: options.signal } : {});
      probes.push({
        ...probe,
        ok: true,
        latencyMs: Math.round(response.latencyMs),
        inputTokens: response.usage.inputTokens,
        outputTokens: response.usage.outputTokens,
        costMicros: response.costMicros,
        costUsd: response.costUsd,
      });
    } catch (error) {
      const { errorClass, message } = failure(error);
      probes.push({ ...probe, errorClass, message, fix: fixFor(errorClass ?? 'other', probe, baseUrl) });
    } finally {
      client.close();
    }
  }
  return probes;
}

import type { CatalogEntry } from '../catalog/catalog.js';
import { TIERS, type Tier } from '@onexgen/onex';
import type { ParsedLLMRequest } from '../schemas.js';
import { escalationLadder } from '../config/ladder.js';
import { ContextWindowExceededError, LLMValidationError } from '../errors.js';
import { countPromptTokens } from '../tokens/counter.js';
import type { ProviderCall } from '../providers/types.js';
import type { ClientContext, ResolvedProvider } from './context.js';

export interface PlannedTarget {
  tier: Tier;
  provider: ResolvedProvider;
  model: string;
  entry?: CatalogEntry;
}

/**
 * The ordered targets for a request: the model override (if any), the tier's chain, then — when
 * escalation is on — the chains of the ladder's tiers above it (escalationLadder). Duplicates are tried once.
 */
export function planTargets(ctx: ClientContext, req: ParsedLLMRequest): PlannedTarget[] {
  const start = req.tier ?? ctx.config.defaultTier;
  const tiers = ctx.config.escalate ? escalationLadder(ctx.config, start) : [start];
  const out: PlannedTarget[] = [];
  const seen = new Set<string>();
  const add = (tier: Tier, providerName: string, model: string) => {
    const key = `${providerName}\u0000${model}`;
    if (seen.has(key)) return;
    const provider = ctx.providers.get(providerName);
    if (!provider) throw new LLMValidationError('request', 'provider', `unknown provider "${providerName}" (configured: ${[...ctx.providers.keys()].join(', ')})`);
    seen.add(key);
    const entry = ctx.catalog.get(model);
    out.push({ tier, provider, model, ...(entry ? { entry } : {}) });
  };
  if (req.model) {
    const fromChain = TIERS.flatMap((t) => ctx.config.tiers[t]).find((t) => t.model === req.model)?.provider;
    const providerName = req.provider ?? fromChain ?? ctx.catalog.get(req.model)?.provider;
    if (!providerName) throw new LLMValidationError('request', 'provider', `no provider known for model "${req.model}"; set request.provider`);
    add(start, providerName, req.model);
  }
  for (const tier of tiers) for (const t of ctx.config.tiers[tier]) add(tier, t.provider, t.model);
  return out;
}

export interface PreparedCall {
  call: ProviderCall;
  /** Prompt tokens (tiktoken, the model's encoding), counted on first use and remembered. */
  inputTokens(): number;
}

const roundUp = (n: number, step: number) => Math.ceil(n / step) * step;

// Chat framing countPromptTokens adds around system and prompt (3 + 3 + 3 tokens).
const FRAMING_TOKENS = 9;

/**
 * The provider call for one target, refused (before any request) when prompt + max output
 * exceeds the model's context window. The check counts with tiktoken unless the prompt's UTF-8
 * byte length already proves it fits: a token is at least one byte, so bytes bound tokens.
 */
export function prepareCall(target: PlannedTarget, base: Omit<ProviderCall, 'model' | 'numCtx'>): PreparedCall | ContextWindowExceededError {
  const entry = target.entry;
  let counted: number | undefined;
  const inputTokens = () => (counted ??= countPromptTokens(base.system, base.prompt, entry?.tokenizer ?? 'cl100k_base'));
  const maxOutputTokens = entry ? Math.min(base.maxOutputTokens, entry.maxOutput) : base.maxOutputTokens;
  if (entry) {
    const byteBound = Buffer.byteLength(base.prompt) + (base.system ? Buffer.byteLength(base.system) : 0) + FRAMING_TOKENS;
    if (byteBound + maxOutputTokens > entry.contextWindow && inputTokens() + maxOutputTokens > entry.contextWindow) {
      return new ContextWindowExceededError(target.model, inputTokens(), maxOutputTokens, entry.contextWindow);
    }
  }
  // Ollama defaults to a 2048-token context and silently drops the rest: always ask for enough.
  const numCtx = target.provider.config.kind === 'ollama'
    ? Math.min(entry?.contextWindow ?? Number.MAX_SAFE_INTEGER, roundUp(inputTokens() + maxOutputTokens, 1024))
    : undefined;
  return {
    inputTokens,
    call: { ...base, model: target.model, maxOutputTokens, ...(numCtx !== undefined ? { numCtx } : {}) },
  };
}

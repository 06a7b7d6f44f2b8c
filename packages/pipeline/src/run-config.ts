// What the pipeline reads of a run's configuration. The app resolves it (defaults < files <
// environment < flags) and passes it in; the last layer, a spec's per-method overrides, is applied
// here by methodConfig because only the pipeline knows which method it is working on.
import type { Experiment } from '@onexgen/eval/experiments';
import type { MethodOverride, Tier } from '@onexgen/onex';

export interface RunConfig {
  tier: Tier;
  /** methods of one node generated at once */
  concurrency: number;
  /** specs / node files processed at once */
  fileConcurrency: number;
  offline: boolean;
  /** LLM attempts per method before falling back */
  maxAttempts: number;
  /** tokens the context of one method may use */
  contextBudget: number;
  validatorProfile: string;
  /** a pattern's match score at or above which its code is used without asking a model */
  patternConfidence: number;
  /** generations scoring at or above this become learned templates */
  learnThreshold: number;
  /** the database: a URL, a PGlite folder or memory:// (default .onexgen/db in cwd) */
  db?: string;
  model?: string;
  /** the whole run's budget */
  budgetUsd?: number;
  budgetTokens?: number;
  /** the Python that runs spec examples (default: the first python3/python >= 3.10 on PATH) */
  python?: string;
  /** wall time of one spec example in the sandbox */
  exampleTimeoutMs?: number;
  /** directories of reference node files (a team's own nodes) for the prompt's references section,
   *  relative to the working directory */
  references?: readonly string[];
  /** budget pools by name, validated by llm-effect (the database's, set from the CLI, are laid over them) */
  pools?: Record<string, Record<string, unknown>>;
  /** the pool this run draws from */
  pool?: string;
  /** stream model answers (default true) */
  stream?: boolean;
  /**
   * validate model answers and the generated package on a thread of their own (default: when the
   * run asks a model with more than one method in flight; false: on the run's thread)
   */
  validationThread?: boolean;
  /** never reuse a learned template */
  noReuse?: boolean;
  /** learn nothing from this run (no template, no pattern effectiveness): evals are measurements */
  noLearn?: boolean;
  /** prompt A/B (at most one enabled; arms' template directories absolute once the session opened) */
  experiments?: readonly Experiment[];
  /** plan-then-code for complex methods: off | declared (default) | auto | always */
  multiPass?: 'off' | 'declared' | 'auto' | 'always';
  /** a second model reviews accepted code of critical methods */
  review?: {
    when?: 'off' | 'declared' | 'auto' | 'always';
    model?: string;
    provider?: string;
    onReject?: 're-ask' | 'mark';
    maxReasks?: number;
  };
}

export interface MethodConfig extends RunConfig {
  /** a model the spec names for this method: asked first, before the tier's chain */
  methodModel?: string;
  /** the llm-effect provider name for methodModel */
  methodProvider?: string;
  promptAdditions?: string;
  methodMaxTokens?: number;
  methodMaxCostUsd?: number;
}

/** The last layer: the spec's per-method overrides. */
export function methodConfig<C extends RunConfig>(base: C, override: MethodOverride | undefined): C & MethodConfig {
  if (!override) return base;
  return {
    ...base,
    ...(override.tier ? { tier: override.tier } : {}),
    ...(override.model ? { model: override.model, methodModel: override.model } : {}),
    ...(override.provider ? { methodProvider: override.provider } : {}),
    ...(override.budget?.max_attempts ? { maxAttempts: override.budget.max_attempts } : {}),
    ...(override.prompt_additions ? { promptAdditions: override.prompt_additions } : {}),
    ...(override.budget?.max_tokens ? { methodMaxTokens: override.budget.max_tokens } : {}),
    ...(override.budget?.max_cost_usd ? { methodMaxCostUsd: override.budget.max_cost_usd } : {}),
  };
}

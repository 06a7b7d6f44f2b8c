// The run configuration every layer of the cascade speaks (files in camelCase or snake_case).
import { experimentsSchema } from '@onexgen/eval/experiments';
import { tierSchema } from '@onexgen/onex';
import { z } from 'zod';
import { PROVIDERS } from './choices.js';

export { PROVIDERS };

export const ProviderSchema = z.enum(PROVIDERS);

/** One layer: every field optional; later layers win field by field. */
export const ConfigLayerSchema = z.strictObject({
  provider: ProviderSchema.optional(),
  baseUrl: z.url().optional(),
  model: z.string().min(1).optional(),
  /** with a provider chosen by provider/baseUrl: the model a tier asks where it is not `model`
   *  (e.g. { cloud_premium: gpt-4o }), so that escalating to that tier asks another model */
  tierModels: z.partialRecord(tierSchema, z.string().min(1)).optional(),
  tier: tierSchema.optional(),
  db: z.string().min(1).optional(),
  /** methods of one node generated at once */
  concurrency: z.number().int().min(1).max(256).optional(),
  /** specs / node files processed at once */
  fileConcurrency: z.number().int().min(1).max(256).optional(),
  offline: z.boolean().optional(),
  /** LLM attempts per method before falling back */
  maxAttempts: z.number().int().min(1).max(10).optional(),
  /** the whole run's budget */
  budgetUsd: z.number().positive().optional(),
  budgetTokens: z.number().int().positive().optional(),
  /** tokens the context of one method may use */
  contextBudget: z.number().int().min(256).optional(),
  timeoutMs: z.number().int().positive().optional(),
  validatorProfile: z.string().min(1).optional(),
  /** a pattern's match score at or above which its code is used without asking a model */
  patternConfidence: z.number().min(0).max(1).optional(),
  /** generations scoring at or above this become learned templates */
  learnThreshold: z.number().min(0).max(1).optional(),
  /** the Python that runs spec examples (default: the first python3/python >= 3.10 on PATH) */
  python: z.string().min(1).optional(),
  /** wall time of one spec example in the sandbox (default 5000) */
  exampleTimeoutMs: z.number().int().min(100).max(600_000).optional(),
  /** directories of reference node files (a team's own nodes) whose most similar methods fill the
   *  prompt's references section; relative paths from the working directory */
  references: z.array(z.string().min(1)).optional(),
  /** never reuse a learned template (every method goes to patterns, the model or fallbacks) */
  noReuse: z.boolean().optional(),
  /** budget pools by name (per project, per team): { parent?, period, amountUsd, mode, softTier, lend },
   *  validated by llm-effect; `onexgen budget set` overrides them from the database */
  pools: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /** write nothing learned (templates, pattern effectiveness) from this run's generations; evals
   *  default to it, since a measurement must not change what later runs see */
  noLearn: z.boolean().optional(),
  /** prompt A/B: template sets (arms) split between methods by a stable hash of node + method name;
   *  at most one enabled. [{ name, arms: [{ name, templates?: dir, weight? }, ...], enabled? }] */
  experiments: experimentsSchema.optional(),
  /** multi-pass generation (a plan, then code from the plan): `off`; `declared` (default) — methods
   *  whose spec override says `complexity: complex`; `auto` — those and the ones inferred complex
   *  (fallback-strategies' methodComplexity); `always` */
  multiPass: z.enum(['off', 'declared', 'auto', 'always']).optional(),
  /** cross-model review of accepted code: which methods (`declared` (default): `critical: true` in the
   *  spec; `auto`: those and security-sensitive ones by pattern), by which model/provider, and what a
   *  rejection does (`re-ask` with the issues up to maxReasks, or `mark` for a person) */
  review: z
    .strictObject({
      when: z.enum(['off', 'declared', 'auto', 'always']).optional(),
      model: z.string().min(1).optional(),
      provider: z.string().min(1).optional(),
      onReject: z.enum(['re-ask', 'mark']).optional(),
      maxReasks: z.number().int().min(0).max(5).optional(),
    })
    .optional(),
  /** the pool this run draws from */
  pool: z.string().min(1).max(100).optional(),
  /** stream model answers (default true): live tokens on a terminal, time to first token recorded */
  stream: z.boolean().optional(),
  /** check model answers and the generated package on a thread of their own (default: when more
   *  than one method is in flight through a model; false: on the run's own thread) */
  validationThread: z.boolean().optional(),
  /** an @onexgen/llm-effect configuration layer (providers, tiers, retry, breaker, budgets...),
   *  deep-merged across the files of the cascade and validated by llm-effect */
  llm: z.record(z.string(), z.unknown()).optional(),
});
export type ConfigLayer = z.infer<typeof ConfigLayerSchema>;

type DefaultedKey =
  | 'tier'
  | 'concurrency'
  | 'fileConcurrency'
  | 'offline'
  | 'maxAttempts'
  | 'contextBudget'
  | 'timeoutMs'
  | 'validatorProfile'
  | 'patternConfidence'
  | 'learnThreshold';

export type ResolvedConfig = Required<Pick<ConfigLayer, DefaultedKey>> & Omit<ConfigLayer, DefaultedKey>;

export const DEFAULTS: Required<Pick<ConfigLayer, DefaultedKey>> = {
  tier: 'cloud_fast',
  concurrency: 4,
  fileConcurrency: 4,
  offline: false,
  maxAttempts: 3,
  contextBudget: 6000,
  timeoutMs: 60_000,
  validatorProfile: 'onex-v2',
  patternConfidence: 0.8,
  learnThreshold: 0.8,
};

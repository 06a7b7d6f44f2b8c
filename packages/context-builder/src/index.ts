// Public entry of @onexgen/context-builder.
export { buildContext, type ContextSources, type BuildOptions } from './build/build-context.js';
export type {
  BuiltContext,
  BuiltContextData,
  ContextSection,
  ContextItem,
  ContextMetadata,
  ContextMetrics,
  TruncationStep,
  SectionPriority,
} from './build/types.js';
export { SYSTEM_PART, USER_PART, PROMPT_ORDER } from './build/assemble.js';
export { explainContext } from './explain.js';
export {
  ContextSpecSchema,
  MethodSpecSchema,
  BuildInputSchema,
  type ContextSpec,
  type ContextSpecInput,
  type MethodSpec,
  type MethodSpecInput,
  type BuildInput,
} from './spec/build-input.js';
export type { SectionBudget, Variant, Mixin } from './data/data-files.js';
export { resolveBudget, type ResolvedBudget, type BudgetOptions } from './budget/resolve-budget.js';
export { createTokenCounter, type TokenCounter, type TokenCounterOptions, type TokenCounterStats } from './tokens/token-counter.js';
export { sharedTokenCounter, disposeSharedCounters } from './tokens/shared-counter.js';
export { encodingForModel, type EncodingChoice } from './tokens/model-encoding.js';
export { createVariantSelector, type VariantSelector, type VariantSelection, type VariantQuery } from './sources/variant-selector.js';
export { createMixinRecommender, type MixinRecommender, type MixinRecommendation, type MixinQuery } from './sources/mixin-recommender.js';
export {
  buildReferenceIndex,
  type ReferenceIndex,
  type ReferenceIndexOptions,
  type ReferenceImplementation,
  type ReferenceNodeInput,
  type ReferenceQuery,
  type ReferenceRanking,
  type ReferenceIndexStats,
} from './sources/reference-index.js';
export { RANKING_WEIGHTS, TEXT_SCORE_FLOOR, FIELD_BOOSTS } from './sources/reference-ranking.js';
export { ioKindOfText, type IoKind } from './sources/io-kind.js';
export { clearReferenceMemoryCache } from './sources/reference-cache.js';
export { patternSourceFromCatalog, type PatternSourceOptions } from './sources/pattern-source.js';
export { loadContextSources, type LoadSourcesOptions, type LoadedSources } from './sources/load-sources.js';
export { ReferenceSpecSchema, type ReferenceSpec } from './sources/reference-spec.js';
export { createPatternFormatter, type PatternFormatter, type FormattedPattern } from './format/pattern-formatter.js';
export { formatReference } from './format/reference-formatter.js';
export { loadTemplateSet, type TemplateSet } from './templates/template-set.js';
export { ContextBuilderError, ProtectedOverBudgetError, type ContextBuilderErrorCode } from './errors.js';
export { DATA_DIR, TEMPLATES_DIR } from './data-dir.js';
export { buildRetryPrompt, type RetryContext, type RetryPrompt, type DroppedPart } from './retry/retry-prompt.js';
export { planPrompt, planAddition, reviewPrompt, exampleLine, type PlanPromptInput, type ReviewPromptInput } from './passes/pass-prompts.js';

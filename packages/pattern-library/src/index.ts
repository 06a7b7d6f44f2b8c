// Public entry of @onexgen/pattern-library.
export type * from './types.js';
export { PatternLibraryError, type PatternLibraryErrorCode } from './errors.js';
export { DATA_DIR } from './data-dir.js';
export { loadPatternCatalog, createCatalog, CATALOG_DIR, type PatternCatalog, type LoadCatalogOptions } from './catalog/load-catalog.js';
export { patternFileSchema, PATTERN_CATEGORIES, type PatternFile } from './catalog/pattern-file-schema.js';
export { normalizeFeatures, createFeatureNormalizer, type FeatureNormalizer } from './features/normalize.js';
export { words as identifierWords } from './features/tokenize.js';
export { loadSynonymTable, type SynonymTable } from './features/synonym-table.js';
export { match, createMatcher, NODE_TYPE_WEIGHT, FEATURE_WEIGHT, EFFECTIVENESS_WEIGHT, type MatchOptions } from './matching/match.js';
export {
  effectivenessFrom,
  outcomeWeight,
  DEFAULT_PRUNING,
  type Effectiveness,
  type EffectivenessLookup,
  type PruningPolicy,
} from './learning/effectiveness.js';
export { detectPattern, detectAllPatterns } from './detection/detect.js';
export { contractSchema, type Contract } from './detection/contract-schema.js';
export { generatePatternCode, generateOperationCode, type GeneratedPatternCode } from './generation/generate.js';
export { crudOperationKind, CRUD_OPERATION_KINDS, type CrudOperationKind } from './generation/crud-operation-kinds.js';
export { extractPatternsFromCode, type ExtractedPattern } from './learning/extract.js';
export { createPatternStore, type PatternStore, type PatternStoreOptions, type LearnInput, type UsageOutcome, type LearnedExample } from './learning/pattern-store.js';
export type { PatternDb } from './learning/db.js';
export {
  applyGenerationFeedback,
  feedbackSession,
  FEEDBACK_OUTCOMES,
  FEEDBACK_VERDICTS,
  type FeedbackResult,
  type FeedbackVerdict,
  type GenerationFeedback,
} from './learning/feedback.js';
export { patternLibrarySchema, patternLearnedExamples, patternUsage, patternEffectiveness, patternTemplates, patternTemplateUses } from './schema/pattern-library.js';
export {
  createTemplateStore,
  isReusable,
  reuseMatches,
  REUSE_MIN_SIMILARITY,
  type TemplateStore,
  type TemplateStoreOptions,
  type LearnedTemplate,
  type TemplateOrigin,
  type Savings,
} from './templates/template-store.js';
export { normalizeSignature, signatureSimilarity, taskSignatureSchema, SIMILARITY_WEIGHTS, type TaskSignature, type NormalizedSignature, type SignatureShape } from './templates/signature.js';
export { TemplateIndex, linearFindSimilar, type IndexedTemplate, type SimilarHit } from './templates/template-index.js';
export { parameterize, entityForms, type Parameterized, type EntityForms } from './templates/parameterize.js';

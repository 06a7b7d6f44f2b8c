// Public entry of @onexgen/pattern-library.
export type * from './types.js';
export { PatternLibraryError } from './errors.js';
export { DATA_DIR } from './data-dir.js';
export { loadPatternCatalog, createCatalog, type PatternCatalog } from './catalog/load-catalog.js';
export { normalizeFeatures, createFeatureNormalizer } from './features/normalize.js';
export { words as identifierWords } from './features/tokenize.js';
export { match } from './matching/match.js';
export { type Effectiveness } from './learning/effectiveness.js';
export { detectPattern, detectAllPatterns } from './detection/detect.js';
export { type Contract } from './detection/contract-schema.js';
export { generatePatternCode, generateOperationCode, type GeneratedPatternCode } from './generation/generate.js';
export { crudOperationKind } from './generation/crud-operation-kinds.js';
export { extractPatternsFromCode } from './learning/extract.js';
export { createPatternStore } from './learning/pattern-store.js';
export { applyGenerationFeedback, type FeedbackVerdict } from './learning/feedback.js';
export { patternLibrarySchema, patternTemplates } from './schema/pattern-library.js';
export {
  createTemplateStore,
  isReusable,
  reuseMatches,
  REUSE_MIN_SIMILARITY,
  type LearnedTemplate,
} from './templates/template-store.js';
export { normalizeSignature, type TaskSignature } from './templates/signature.js';
export { TemplateIndex, linearFindSimilar } from './templates/template-index.js';

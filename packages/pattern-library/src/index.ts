// Public entry of @onexgen/pattern-library.
export type * from './types.js';
export { PatternLibraryError, type PatternLibraryErrorCode } from './errors.js';
export { DATA_DIR } from './data-dir.js';
export { loadPatternCatalog, createCatalog, CATALOG_DIR, type PatternCatalog, type LoadCatalogOptions } from './catalog/load-catalog.js';
export { patternFileSchema, NODE_TYPES, PATTERN_CATEGORIES, type PatternFile } from './catalog/pattern-file-schema.js';
export { normalizeFeatures, createFeatureNormalizer, type FeatureNormalizer } from './features/normalize.js';
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

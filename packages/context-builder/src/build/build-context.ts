// buildContext: validates the input, asks each source (variants, mixins, patterns, references),
// renders the six sections from their templates, applies the token budget and returns plain data.
import type { MatchQuery, PatternMatch } from '@onexgen/pattern-library';
import { z } from 'zod';
import { normalizeFeatures as defaultNormalize } from '@onexgen/pattern-library';
import type { PythonParser } from '@onexgen/response-validator';
import { resolveBudget, type BudgetOptions } from '../budget/resolve-budget.js';
import { applyBudget } from '../budget/truncate.js';
import { makeItem, WorkingSection, type WorkingItem } from '../budget/working-section.js';
import { entryMethodOf, SECTION_IDS, type SectionId } from '@onexgen/onex';
import { ContextBuilderError, describeZodIssues } from '../errors.js';
import { normalizeSection, loadTemplateSet } from '../templates/template-set.js';
import { createMixinRecommender, type MixinRecommender } from '../sources/mixin-recommender.js';
import type { ReferenceImplementation, ReferenceIndex } from '../sources/reference-index.js';
import { createVariantSelector, requiredPatternsFor, type VariantSelector } from '../sources/variant-selector.js';
import { BuildInputSchema, type BuildInput } from '../spec/build-input.js';
import { ENCODINGS, type EncodingName } from '@onexgen/onex/tokens';
import { encodingForModel } from '../tokens/model-encoding.js';
import { sharedTokenCounter } from '../tokens/shared-counter.js';
import type { TokenCounter } from '../tokens/token-counter.js';
import { assembleContext, PROMPT_ORDER } from './assemble.js';
import { formatMixin, sectionView, type ViewInputs } from './section-views.js';
import { patternFormatterFor, patternItemText, referenceItemText } from './formatter-cache.js';
import type { BuiltContext } from './types.js';

export interface ContextSources {
  /** matched patterns, or a matcher called with the query the builder derives */
  patterns?: readonly PatternMatch[] | ((query: MatchQuery) => readonly PatternMatch[]);
  /** a reference index (asked for the method and features) or references chosen elsewhere */
  references?: ReferenceIndex | readonly ReferenceImplementation[];
  /** lets the pattern formatter drop module imports from code examples */
  parser?: PythonParser;
  variants?: VariantSelector;
  mixins?: MixinRecommender;
  /** free text to canonical feature keys; default: @onexgen/pattern-library's normalizeFeatures */
  normalizeFeatures?: (texts: readonly string[]) => string[];
}

export interface BuildOptions extends BudgetOptions {
  /** target model id: picks the encoding (data/encodings.yaml) */
  model?: string;
  /** overrides the model's encoding */
  encoding?: EncodingName;
  /** a directory whose `<section>.mustache` files replace the shipped templates */
  templatesDir?: string;
  /** share one counter across builds; default: the process-wide counter for the encoding */
  counter?: TokenCounter;
  /** patterns offered at most (default 5): every critical one, then the best-scored others */
  patternLimit?: number;
  /** passed to a pattern matcher as minScore (default 0.3) */
  minPatternScore?: number;
  /** references at most (default 3) */
  referenceLimit?: number;
  /** minimum reference similarity (default 0.3) */
  referenceThreshold?: number;
}

const TITLES: Record<SectionId, string> = {
  system: 'System Context',
  operation: 'Operation Specification',
  patterns: 'Production Patterns',
  references: 'Reference Implementations',
  constraints: 'Constraints',
  instructions: 'Generation Instructions',
};

// The plain-value options (budget ones are checked by resolveBudget; counter is an object).
const BuildOptionsSchema = z.looseObject({
  model: z.string().min(1).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  templatesDir: z.string().min(1).optional(),
  patternLimit: z.number().int().nonnegative().optional(),
  minPatternScore: z.number().min(0).max(1).optional(),
  referenceLimit: z.number().int().nonnegative().optional(),
  referenceThreshold: z.number().min(0).max(1).optional(),
});

let variantSelector: VariantSelector | undefined;
let mixinRecommender: MixinRecommender | undefined;
const defaultVariantSelector = () => (variantSelector ??= createVariantSelector());
const defaultMixinRecommender = () => (mixinRecommender ??= createMixinRecommender());

const byScoreThenId = (a: PatternMatch, b: PatternMatch) =>
  b.score - a.score || (a.pattern.id < b.pattern.id ? -1 : a.pattern.id > b.pattern.id ? 1 : 0);

type ParsedInput = z.output<typeof BuildInputSchema>;

/** What the task says in prose, for the reference ranking: the spec's words and the method's. */
function referenceQueryText(spec: ParsedInput['spec'], method: ParsedInput['method']): string {
  const operations = spec.operations.map((o) => (typeof o === 'string' ? o : `${o.name} ${o.description ?? ''}`));
  const io = spec.contract?.ioOperations.map((o) => o.operationType) ?? [];
  return [spec.name, spec.domain ?? '', spec.description, ...operations, ...io, method.signature, method.docstring ?? '', method.description ?? ''].join('\n');
}

function isIndex(r: ContextSources['references']): r is ReferenceIndex {
  // an array has .find too: tell them apart by shape, not by that method
  return typeof r === 'object' && r !== null && !Array.isArray(r) && typeof (r as ReferenceIndex).countByNodeType === 'function';
}

export function buildContext(input: BuildInput, sources: ContextSources = {}, options: BuildOptions = {}): BuiltContext {
  const started = performance.now();
  const parsed = BuildInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new ContextBuilderError('INPUT_INVALID', `context input: ${describeZodIssues(parsed.error.issues)}`, { cause: parsed.error });
  }
  const checked = BuildOptionsSchema.safeParse(options);
  if (!checked.success) {
    throw new ContextBuilderError('INPUT_INVALID', `build options: ${describeZodIssues(checked.error.issues)}`, { cause: checked.error });
  }
  const { spec, method } = parsed.data;
  const nodeType = parsed.data.nodeType ?? spec.nodeType;
  const budget = resolveBudget(options);
  const choice = encodingForModel(options.model);
  const encoding = options.counter?.encoding ?? options.encoding ?? choice.encoding;
  const counter = options.counter ?? sharedTokenCounter(encoding);
  const templates = loadTemplateSet(options.templatesDir);
  const normalize = sources.normalizeFeatures ?? defaultNormalize;
  const featureTexts = [...spec.features, ...(spec.contract?.capabilities.map((c) => c.name) ?? [])];
  const features = normalize(featureTexts);
  const warnings: string[] = [];

  // 1. variant and mixins
  const variant = (sources.variants ?? defaultVariantSelector()).select({ nodeType, operationCount: spec.operations.length, features });
  const mixins = (sources.mixins ?? defaultMixinRecommender()).recommend({
    nodeType,
    features,
    variantMixins: variant.suggestedMixins,
    declared: spec.mixins,
  });

  // 2. patterns: critical ones always, then the best `patternLimit` others
  // topK well above the limit: the matcher's own default (5) would hide how many were available
  const query: MatchQuery = { nodeType, features: featureTexts, operation: method.name, minScore: options.minPatternScore ?? 0.3, topK: 1000 };
  const matches = [...(typeof sources.patterns === 'function' ? sources.patterns(query) : (sources.patterns ?? []))].sort(byScoreThenId);
  const limit = options.patternLimit ?? 5;
  const critical = matches.filter((m) => m.pattern.critical);
  const chosen = [...critical, ...matches.filter((m) => !m.pattern.critical).slice(0, Math.max(0, limit - critical.length))].sort(byScoreThenId);
  const formatter = patternFormatterFor(sources.parser);
  const patternItems = chosen.map((m, i) =>
    makeItem(counter, { id: m.pattern.id, text: patternItemText(formatter, m, i), score: m.score, critical: m.pattern.critical }),
  );

  // 3. references
  const refLimit = options.referenceLimit ?? 3;
  const refs = isIndex(sources.references)
    ? sources.references.find({
        nodeType,
        features,
        method: method.name,
        text: referenceQueryText(spec, method),
        threshold: options.referenceThreshold ?? 0.3,
        limit: refLimit,
      })
    : [...(sources.references ?? [])].slice(0, refLimit);
  const referencesAvailable = isIndex(sources.references) ? sources.references.countByNodeType(nodeType) : (sources.references?.length ?? 0);
  const referenceItems: WorkingItem[] = [];
  for (const [i, ref] of refs.entries()) {
    referenceItems.push(makeItem(counter, { id: ref.id, text: referenceItemText(ref, i), score: ref.similarity }));
  }

  const mixinItems = mixins.map((m) => makeItem(counter, { id: m.id, text: normalizeSection(formatMixin(m)), score: m.confidence }));

  // 4. render
  const view: ViewInputs = { spec, method, nodeType, features, variant, patternsAvailable: matches.length, referencesAvailable };
  const initialItems: Partial<Record<SectionId, WorkingItem[]>> = { patterns: patternItems, references: referenceItems, constraints: mixinItems };
  const sections = SECTION_IDS.map(
    (id) =>
      new WorkingSection(
        id,
        TITLES[id],
        budget.sections[id],
        (items) => templates.render(id, sectionView(id, view, items)),
        counter,
        initialItems[id] ?? [],
        id in initialItems,
      ),
  );
  for (const s of sections) {
    if (s.priority === 0 && s.tokens > s.budget.max) warnings.push(`${s.id} has ${s.tokens} tokens, over its ${s.budget.max} target max (never cut)`);
  }

  // 5. budget
  const byId = new Map(sections.map((s) => [s.id, s]));
  const promptParts = () => PROMPT_ORDER.map((id) => byId.get(id)!.content);
  const { steps, total } = applyBudget(sections, budget, () => counter.countJoinedLines(promptParts()), counter);

  return assembleContext({
    sections: sections.map((s) => s.toSection()),
    total,
    budget,
    steps,
    counter,
    started,
    metadata: {
      promptVersion: templates.version,
      nodeType,
      service: spec.name,
      method: method.name,
      variant: {
        id: variant.id,
        confidence: variant.confidence,
        rationale: variant.rationale,
        fallback: variant.fallback,
        requiredPatterns: requiredPatternsFor(variant, method.name, entryMethodOf(nodeType)),
      },
      mixins: mixins.map((m) => ({ id: m.id, confidence: m.confidence })),
      features,
      patterns: { included: 0, available: matches.length, ids: [] },
      references: { included: 0, available: referencesAvailable, ids: [] },
      encoding,
      model: options.model,
      encodingExactForModel: options.model === undefined ? true : choice.exactForModel && choice.encoding === encoding,
      templates: { ...templates.sources },
      promptOrder: [...PROMPT_ORDER],
      warnings,
    },
    qualityInputs: { variantConfidence: variant.confidence, mixinConfidences: mixins.map((m) => m.confidence) },
  });
}


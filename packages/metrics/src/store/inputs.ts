// zod schemas for every record: the boundary where caller data becomes a row. They mirror the
// table CHECK constraints so a bad value fails here, naming the field, before any I/O.
import { NODE_TYPES, verdictSchema } from '@onexgen/onex';
import { createInsertSchema } from 'drizzle-zod';
import { z } from 'zod';
import { contextWindows } from '../schema/context-windows.js';
import { GENERATION_PASS_KINDS } from '../schema/generation-passes.js';
import { ATTEMPT_STATUSES, FALLBACK_STRATEGIES, GENERATION_STRATEGIES } from '../schema/vocabulary.js';

const count = z.number().int().min(0);
const microUsd = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const millis = z.number().finite().min(0);
const name = (max: number) => z.string().min(1).max(max);
/** Optional on input; the store fills id and createdAt before anything is written or spooled. */
const identity = {
  id: z.uuid().optional(),
  createdAt: z.coerce.date().optional(),
};

export const generationInput = z.object({
  ...identity,
  correlationId: z.uuid(),
  sessionId: z.uuid().nullish(),
  nodeType: z.enum(NODE_TYPES),
  serviceName: name(255),
  methodName: name(255),
  operationType: z.string().max(100).nullish(),
  tier: name(50),
  provider: name(100).nullish(),
  model: name(100),
  tokensInput: count,
  tokensOutput: count,
  /** defaults to input + output */
  tokensTotal: count.optional(),
  latencyMs: millis,
  costMicroUsd: microUsd,
  syntaxValid: z.boolean().default(false),
  onexCompliant: z.boolean().default(false),
  hasTypeHints: z.boolean().default(false),
  validationPassed: z.boolean().default(false),
  securityIssues: z.array(z.unknown()).default([]),
  qualityScore: z.number().min(0).max(1).nullish(),
  strategy: z.enum(GENERATION_STRATEGIES).default('llm'),
  verdict: verdictSchema.nullish(),
  examplesTotal: count.default(0),
  examplesPassed: count.default(0),
  /** model calls made for the method: 0 when no model wrote the body (pattern, template, fallback) */
  attempts: z.number().int().min(0).default(1),
  finishReason: z.string().max(50).nullish(),
  truncated: z.boolean().default(false),
  promptLength: count.nullish(),
  responseLength: count.nullish(),
  promptVersion: z.string().min(1).max(100).nullish(),
  experimentArm: z.string().min(1).max(200).nullish(),
});
export type GenerationInput = z.input<typeof generationInput>;

export const attemptInput = z.object({
  ...identity,
  correlationId: z.uuid(),
  /** which LLM call of the correlation (1 unless the app calls the model again, e.g. a retry loop) */
  callNumber: z.number().int().min(1).default(1),
  /** attempt within that call, across provider retries and fallbacks (llm-effect's event.attempt) */
  attempt: z.number().int().min(1),
  retryNumber: count.default(0),
  nodeType: z.enum(NODE_TYPES).nullish(),
  provider: name(100),
  model: name(100),
  tier: name(50).nullish(),
  status: z.enum(ATTEMPT_STATUSES),
  errorClass: z.string().max(100).nullish(),
  httpStatus: z.number().int().min(100).max(599).nullish(),
  latencyMs: millis,
  timeToFirstTokenMs: millis.nullish(),
  tokensInput: count.default(0),
  tokensOutput: count.default(0),
  tokensCached: count.default(0),
  tokensReasoning: count.default(0),
  costMicroUsd: microUsd.default(0),
  cacheHit: z.boolean().default(false),
});
export type AttemptInput = z.input<typeof attemptInput>;

export const contextBuildInput = z
  .object({
    ...identity,
    correlationId: z.uuid(),
    attempt: z.number().int().min(1).default(1),
    nodeType: z.enum(NODE_TYPES),
    methodName: name(255),
    buildMs: millis,
    totalTokens: count,
    budgetTokens: z.number().int().min(1),
    tokensPerSection: z.record(z.string().min(1), count),
    truncatedSections: z.array(z.string()).default([]),
    patternsIncluded: count.default(0),
    patternsAvailable: count.default(0),
    referencesIncluded: count.default(0),
    referencesAvailable: count.default(0),
  })
  .refine((r) => r.patternsIncluded <= r.patternsAvailable, {
    path: ['patternsIncluded'],
    message: 'cannot exceed patternsAvailable',
  })
  .refine((r) => r.referencesIncluded <= r.referencesAvailable, {
    path: ['referencesIncluded'],
    message: 'cannot exceed referencesAvailable',
  });
export type ContextBuildInput = z.input<typeof contextBuildInput>;

export const passInput = z.object({
  ...identity,
  correlationId: z.uuid(),
  sessionId: z.uuid().nullish(),
  methodName: name(255),
  passNumber: z.number().int().min(1),
  kind: z.enum(GENERATION_PASS_KINDS),
  provider: name(100).nullish(),
  model: name(100),
  tokensInput: count,
  tokensOutput: count,
  costMicroUsd: microUsd,
  latencyMs: millis,
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type PassInput = z.input<typeof passInput>;

export const fallbackInput = z.object({
  ...identity,
  correlationId: z.uuid(),
  nodeType: z.enum(NODE_TYPES),
  methodName: name(255),
  strategy: z.enum(FALLBACK_STRATEGIES),
  reason: z.string().min(1).max(4000),
  /** model calls made before the decision: 0 when none was (offline) */
  attempts: z.number().int().min(0),
  success: z.boolean(),
  durationMs: millis.default(0),
});
export type FallbackInput = z.input<typeof fallbackInput>;

export const historyInput = z.object({
  ...identity,
  correlationId: z.uuid(),
  attempt: z.number().int().min(1).default(1),
  nodeType: z.enum(NODE_TYPES),
  methodName: name(255),
  /**
   * The prompt; with `systemPrompt`, the part sent after it. The system prompt is stored once per
   * distinct text (llm_prompt_texts) and the row names it, instead of a copy in every row.
   */
  promptText: z.string(),
  systemPrompt: z.string().min(1).optional(),
  generatedCode: z.string(),
  qualityScore: z.number().min(0).max(1).nullish(),
  validationPassed: z.boolean(),
  behaviour: z.record(z.string(), z.unknown()).nullish(),
  patternIds: z.array(z.string().min(1).max(200)).max(100).nullish(),
  userAccepted: z.boolean().nullish(),
  userFeedback: z.string().nullish(),
  manualEditsRequired: z.boolean().nullish(),
});
export type HistoryInput = z.input<typeof historyInput>;

/** The user's verdict on a generation, recorded after the fact. */
export const feedbackInput = z
  .object({
    correlationId: z.uuid(),
    methodName: name(255),
    /** which attempt's history row; default: the latest one */
    attempt: z.number().int().min(1).optional(),
    userAccepted: z.boolean().optional(),
    userFeedback: z.string().optional(),
    manualEditsRequired: z.boolean().optional(),
  })
  .refine((f) => f.userAccepted !== undefined || f.userFeedback !== undefined || f.manualEditsRequired !== undefined, {
    message: 'give at least one of userAccepted, userFeedback, manualEditsRequired',
  });
export type FeedbackInput = z.input<typeof feedbackInput>;

/**
 * Derived from the table by drizzle-zod: column types, lengths and int ranges come from the schema;
 * the refinements add the CHECK bounds. (drizzle-zod's types drop a refined column's optionality,
 * so refinements of optional columns restate it; missing values take the column defaults on insert.)
 */
export const contextWindowInput = createInsertSchema(contextWindows, {
  provider: (s) => s.min(1),
  model: (s) => s.min(1),
  tier: (s) => s.min(1).nullish(),
  contextWindow: (s) => s.min(1),
  maxOutputTokens: (s) => s.min(1).nullish(),
  inputMicroUsdPerMTok: (s) => s.min(0).optional(),
  outputMicroUsdPerMTok: (s) => s.min(0).optional(),
  cachedInputMicroUsdPerMTok: (s) => s.min(0).nullish(),
}).omit({ updatedAt: true });
export type ContextWindowInput = z.input<typeof contextWindowInput>;

export const RECORD_SCHEMAS = {
  generation: generationInput,
  attempt: attemptInput,
  contextBuild: contextBuildInput,
  pass: passInput,
  fallback: fallbackInput,
  history: historyInput,
  feedback: feedbackInput,
  contextWindow: contextWindowInput,
} as const;
export type RecordKind = keyof typeof RECORD_SCHEMAS;
/** What `MetricsStore.record(kind, …)` takes for each kind. */
export type RecordInputs = { [K in RecordKind]: z.input<(typeof RECORD_SCHEMAS)[K]> };
/** Kinds that become one inserted row each, with an id and a creation time. */
export type InsertKind = 'generation' | 'attempt' | 'contextBuild' | 'pass' | 'fallback' | 'history';

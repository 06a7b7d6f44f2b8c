// The rule-profile file format (data/profiles/*.yaml, or a team's own object or file), checked
// with zod so a typo in a profile fails loudly with the path of the bad field.
import { z } from 'zod';

const severity = z.enum(['error', 'warning', 'info']);

export const RuleSettingSchema = z.strictObject({
  enabled: z.boolean().optional(),
  severity: severity.optional(),
  /** rule-specific options (thresholds, name lists); each rule documents its own */
  options: z.record(z.string(), z.unknown()).optional(),
});

const weights = z.strictObject({
  syntax: z.number().min(0),
  compliance: z.number().min(0),
  security: z.number().min(0),
  quality: z.number().min(0),
  pattern: z.number().min(0),
});

export const PatternExpectationSchema = z.strictObject({
  description: z.string(),
  /** callee globs; `*` matches any run of characters (dots included), e.g. '*.pool.acquire' */
  calls: z.array(z.string()).default([]),
  /** decorator globs, e.g. '*retry*' */
  decorators: z.array(z.string()).default([]),
  /** what to write when the pattern is missing */
  hint: z.string(),
});

export const ProfileSchema = z.strictObject({
  id: z.string().min(1),
  description: z.string().default(''),
  /** a built-in profile id or a path (resolved against this file) whose settings this one overrides */
  extends: z.string().optional(),
  score: z
    .strictObject({
      weights: weights.partial().optional(),
      penalties: z.strictObject({ error: z.number().min(0), warning: z.number().min(0), info: z.number().min(0) }).partial().optional(),
    })
    .optional(),
  rules: z.record(z.string(), RuleSettingSchema).default({}),
  security: z
    .strictObject({
      secretNames: z.array(z.string()).optional(),
      secretNameExcludes: z.array(z.string()).optional(),
      keyShapes: z.array(z.strictObject({ name: z.string(), regex: z.string() })).optional(),
      sqlSinks: z.array(z.string()).optional(),
      sqlKeywords: z.array(z.string()).optional(),
      logSanitizers: z.array(z.string()).optional(),
    })
    .optional(),
  onex: z
    .strictObject({
      errorClass: z.string().optional(),
      errorCodeEnum: z.string().optional(),
      replacements: z.record(z.string(), z.string()).optional(),
      logFunctions: z.array(z.string()).optional(),
      canonicalLogParams: z.array(z.string()).optional(),
      syncLogParams: z.array(z.string()).optional(),
      asyncIoMethods: z.array(z.string()).optional(),
      blockingCalls: z.array(z.string()).optional(),
    })
    .optional(),
  /**
   * the API index the api/* rules check against: a path (relative to this profile file) to an index
   * written by `onexgen-validate api-index` (.json or .json.gz), or false for none
   */
  apiIndex: z.union([z.string().min(1), z.literal(false)]).optional(),
  api: z
    .strictObject({
      /** import lines a method body is checked under when the caller gives no fileImports */
      fragmentImports: z.array(z.string()).optional(),
      /** method names the runtime calls on a node (an entry method its base class never calls is reported) */
      entryMethods: z.array(z.string()).optional(),
    })
    .optional(),
  patterns: z.record(z.string(), PatternExpectationSchema).optional(),
  variants: z.record(z.string(), z.array(z.string())).optional(),
});

export type ProfileInput = z.input<typeof ProfileSchema>;
export type ProfileFile = z.output<typeof ProfileSchema>;
export type RuleSetting = z.output<typeof RuleSettingSchema>;
export type PatternExpectation = z.output<typeof PatternExpectationSchema>;

/** A profile after `extends` is resolved: every section present. */
export interface ResolvedProfile {
  id: string;
  description: string;
  /** the chain of profile ids, base first */
  lineage: string[];
  weights: z.output<typeof weights>;
  penalties: { error: number; warning: number; info: number };
  rules: Record<string, RuleSetting>;
  security: NonNullable<ProfileFile['security']>;
  onex: NonNullable<ProfileFile['onex']>;
  /** absolute path of the API index file, when the profile has one */
  apiIndex?: string;
  api: NonNullable<ProfileFile['api']>;
  patterns: Record<string, PatternExpectation>;
  variants: Record<string, string[]>;
}

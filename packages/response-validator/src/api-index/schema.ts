// The API index format: the public surface of a Python package (modules → names, functions,
// classes, re-exports, lazily served names), as `onexgen-validate api-index` writes it and as the
// shipped omnibase_core index is stored. Checked with zod when a team's own index is loaded.
import { z } from 'zod';

export const ApiParamSchema = z.object({
  name: z.string(),
  /** as in Python's inspect.Parameter */
  kind: z.enum(['positional_only', 'positional_or_keyword', 'var_positional', 'keyword_only', 'var_keyword']),
  /** whether the parameter has a default (the value itself is not recorded) */
  default: z.boolean(),
  annotation: z.string().nullable().optional(),
});

export const ApiFunctionSchema = z.object({
  async: z.boolean().optional(),
  decorators: z.array(z.string()).optional(),
  params: z.array(ApiParamSchema),
  returns: z.string().nullable().optional(),
});

export const ApiClassSchema = z.object({
  bases: z.array(z.string()),
  methods: z.record(z.string(), ApiFunctionSchema).optional(),
  attributes: z.array(z.string()).optional(),
  /** enum classes only: the member names */
  members: z.array(z.string()).optional(),
  /**
   * pydantic models that set `model_config` (or a v1 `class Config`) as a literal: its `extra`
   * ("ignore" when the literal leaves it out); absent when the config could not be read
   */
  extra: z.enum(['allow', 'ignore', 'forbid']).optional(),
});

export const ApiModuleSchema = z.object({
  functions: z.record(z.string(), ApiFunctionSchema).optional(),
  classes: z.record(z.string(), ApiClassSchema).optional(),
  /** module-level names bound by assignment (variables, aliases, type variables) */
  names: z.array(z.string()).optional(),
  /** local name → dotted origin, for names bound by `from … import` */
  reexports: z.record(z.string(), z.string()).optional(),
  /** names a module-level `__getattr__` serves */
  lazy: z.array(z.string()).optional(),
});

export const ApiIndexSchema = z.object({
  package: z.string().min(1),
  source: z.string().optional(),
  modules: z.record(z.string(), ApiModuleSchema),
});

export type ApiParam = z.infer<typeof ApiParamSchema>;
export type ApiFunction = z.infer<typeof ApiFunctionSchema>;
export type ApiClass = z.infer<typeof ApiClassSchema>;
export type ApiModule = z.infer<typeof ApiModuleSchema>;
export type ApiIndex = z.infer<typeof ApiIndexSchema>;

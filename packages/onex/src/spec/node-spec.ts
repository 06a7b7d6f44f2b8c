// The node spec a user writes (YAML or JSON). snake_case keys, like the ONEX contracts it mirrors.
// Reading files and reporting errors is the app's job; this is only the shape.
import { z } from 'zod';
import { nodeTypeSchema } from '../node-types.js';
import { pythonIdentifierSchema } from '../python.js';
import { tierSchema } from '../tiers.js';
import { methodExamplesSchema, type MethodExample } from './examples.js';
import { signatureParams } from './signature-params.js';

const ServiceName = z
  .string()
  .min(1, 'must not be empty')
  .regex(/^[A-Za-z][A-Za-z0-9_ -]*$/, 'must start with a letter and hold only letters, digits, _, - or spaces');

const OperationObject = z.strictObject({
  name: pythonIdentifierSchema,
  description: z.string().optional(),
  /** calls of the operation method and what they give: `given: { input_data: {...} }` */
  examples: methodExamplesSchema.optional(),
});
/** `- query` or `- { name: query, description: ... }` */
export const OperationSchema = z.union([pythonIdentifierSchema.transform((name) => ({ name })), OperationObject]);

export const MethodOverrideSchema = z.strictObject({
  tier: tierSchema.optional(),
  /** a model asked first for this method, before the tier's chain */
  model: z.string().min(1).optional(),
  /** the llm-effect provider (configuration name) serving `model` */
  provider: z.string().min(1).optional(),
  /** text appended to the prompt for this method */
  prompt_additions: z.string().optional(),
  /** `complex`: plan first, then code from the plan (multi-pass); `simple`: never; absent: inferred
   *  from the examples, operations and docstring when the configuration asks for inference */
  complexity: z.enum(['simple', 'complex']).optional(),
  /** true: a second model reviews the accepted code; false: never, even if it looks security-sensitive */
  critical: z.boolean().optional(),
  budget: z
    .strictObject({
      max_tokens: z.number().int().positive().optional(),
      max_cost_usd: z.number().positive().optional(),
      max_attempts: z.number().int().min(1).max(10).optional(),
    })
    .optional(),
});
export type MethodOverride = z.infer<typeof MethodOverrideSchema>;

/** A method of the node beyond its operations, as the spec declares it. */
export const MethodSchema = z.strictObject({
  name: pythonIdentifierSchema,
  /** e.g. `async def fetch(self, key: str) -> dict[str, Any]:` (the trailing colon is optional) */
  // Rendered into node.py: one line, checked again as a signature by the parser before rendering
  // (checkSignatures in the app), so no newline can start a statement of its own.
  signature: z
    .string()
    .max(1000, 'must be at most 1000 characters')
    .regex(/^[^\r\n]*$/, 'must be one line (a signature, not code)')
    .regex(/^\s*(async\s+)?def\s+/, 'must start with `def` or `async def`')
    .optional(),
  docstring: z.string().optional(),
  async: z.boolean().optional(),
  /** calls of the method (keyword arguments by parameter name) and what they return or raise */
  examples: methodExamplesSchema.optional(),
});
export type SpecMethod = z.infer<typeof MethodSchema>;

const IoOperation = z.looseObject({
  operation_type: z.string().min(1),
  atomic: z.boolean().optional(),
  timeout_seconds: z.number().positive().optional(),
});

export const ContractFieldsSchema = z.looseObject({
  // Class names rendered into node.py and models/: identifiers, never free text.
  input_model: pythonIdentifierSchema.optional(),
  output_model: pythonIdentifierSchema.optional(),
  io_operations: z.array(IoOperation).optional(),
});

export const PerformanceSchema = z.looseObject({
  latency_ms: z.number().positive().optional(),
  throughput_rps: z.number().positive().optional(),
  memory_mb: z.number().positive().optional(),
});

export const NodeSpecSchema = z
  .strictObject({
    name: ServiceName,
    node_type: nodeTypeSchema,
    // A label rendered into docstrings and the README: a short line of plain characters.
    domain: z
      .string()
      .min(1)
      .max(64, 'must be at most 64 characters')
      .regex(/^[A-Za-z0-9][A-Za-z0-9 _.&/-]*$/, 'must be a short label (letters, digits, spaces and _ . & / -)')
      .default('general'),
    description: z.string().min(1, 'must not be empty'),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'must look like 1.0.0')
      .default('1.0.0'),
    operations: z.array(OperationSchema).default([]),
    features: z.array(z.string().min(1)).default([]),
    performance: PerformanceSchema.optional(),
    contract: ContractFieldsSchema.optional(),
    methods: z.array(MethodSchema).optional(),
    overrides: z.record(pythonIdentifierSchema, MethodOverrideSchema).optional(),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.operations.forEach((op, i) => {
      if (seen.has(op.name)) ctx.addIssue({ code: 'custom', path: ['operations', i, 'name'], message: `duplicate operation "${op.name}"` });
      seen.add(op.name);
    });
    const methodNames = new Set([...seen, ...(spec.methods ?? []).map((m) => m.name)]);
    for (const name of Object.keys(spec.overrides ?? {})) {
      if (!methodNames.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['overrides', name], message: `names no operation or method of this spec` });
      }
    }
    // an example's `given` names parameters of the method it calls
    const checkGiven = (examples: readonly MethodExample[] | undefined, params: readonly string[] | undefined, path: (string | number)[]) => {
      if (!params || params.includes('kwargs')) return;
      examples?.forEach((example, i) => {
        for (const key of Object.keys(example.given)) {
          if (!params.includes(key)) {
            ctx.addIssue({ code: 'custom', path: [...path, i, 'given', key], message: `is not a parameter of the method (it takes ${params.join(', ') || 'none'})` });
          }
        }
      });
    };
    const declared = new Map((spec.methods ?? []).map((m) => [m.name, m]));
    spec.operations.forEach((op, i) => {
      const method = declared.get(op.name);
      // an operation's method takes `input_data`, unless a method entry gives it another signature
      const params = method?.signature ? signatureParams(method.signature) : ['input_data'];
      checkGiven('examples' in op ? op.examples : undefined, params, ['operations', i, 'examples']);
    });
    (spec.methods ?? []).forEach((m, i) => {
      checkGiven(m.examples, m.signature ? signatureParams(m.signature) : ['input_data'], ['methods', i, 'examples']);
    });
  });

/** The examples a spec gives for a method: its `methods` entry's, else its operation's. */
export function examplesOf(spec: NodeSpec, methodName: string): MethodExample[] {
  const method = (spec.methods ?? []).find((m) => m.name === methodName);
  if (method?.examples?.length) return method.examples;
  const op = spec.operations.find((o) => o.name === methodName);
  return (op && 'examples' in op ? op.examples : undefined) ?? [];
}

export type NodeSpec = z.output<typeof NodeSpecSchema>;
export type NodeSpecInput = z.input<typeof NodeSpecSchema>;

// The inputs of buildContext: what the node is (ContextSpec) and which method to write (MethodSpec).
// Every field is validated here so a bad spec fails with the field's path, before any work.
import { nodeTypeSchema } from '@onexgen/onex';
import { z } from 'zod';

export const OperationSchema = z.union([
  z.string().min(1).transform((name) => ({ name, description: undefined as string | undefined })),
  z.object({ name: z.string().min(1), description: z.string().optional() }),
]);

export const PerformanceSchema = z.object({
  latencyP95Ms: z.number().positive().optional(),
  throughputPerSecond: z.number().positive().optional(),
  timeoutSeconds: z.number().positive().optional(),
  maxMemoryMb: z.number().positive().optional(),
  notes: z.array(z.string()).default([]),
});

export const ContractFieldsSchema = z.object({
  inputModel: z.string().optional(),
  outputModel: z.string().optional(),
  ioOperations: z
    .array(z.object({ operationType: z.string().min(1), atomic: z.boolean().optional(), timeoutSeconds: z.number().positive().optional() }))
    .default([]),
  externalServices: z.array(z.string()).default([]),
  dependencies: z.array(z.string()).default([]),
  capabilities: z.array(z.object({ name: z.string().min(1), type: z.string().optional(), description: z.string().optional() })).default([]),
  /** error codes the contract declares; merged with the ones chosen from features */
  errorCodes: z.array(z.string()).default([]),
});

export const ContextSpecSchema = z.object({
  /** service name, e.g. 'postgres_query' */
  name: z.string().min(1),
  /** the node class as named in the node file; default Node<Name><Type>, e.g. NodePostgresQueryEffect */
  className: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier').optional(),
  nodeType: nodeTypeSchema,
  domain: z.string().optional(),
  description: z.string().default(''),
  operations: z.array(OperationSchema).default([]),
  /** free text or canonical keys ("Connection pooling (10-50 connections)" or 'connection_pooling') */
  features: z.array(z.string()).default([]),
  /** mixins the contract already declares; recommended with full confidence */
  mixins: z.array(z.string()).default([]),
  performance: PerformanceSchema.optional(),
  contract: ContractFieldsSchema.optional(),
});
export type ContextSpec = z.output<typeof ContextSpecSchema>;
export type ContextSpecInput = z.input<typeof ContextSpecSchema>;

export const MethodSpecSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier'),
  /** the full `def`/`async def` line(s) as they appear in the node file */
  signature: z.string().min(1),
  docstring: z.string().optional(),
  inputModel: z.string().optional(),
  outputModel: z.string().optional(),
  async: z.boolean().default(true),
  /** business purpose of this method when the docstring does not say it */
  description: z.string().optional(),
});
export type MethodSpec = z.output<typeof MethodSpecSchema>;
export type MethodSpecInput = z.input<typeof MethodSpecSchema>;

export const BuildInputSchema = z.object({
  spec: ContextSpecSchema,
  method: MethodSpecSchema,
  /** overrides spec.nodeType when given */
  nodeType: nodeTypeSchema.optional(),
});
export type BuildInput = z.input<typeof BuildInputSchema>;

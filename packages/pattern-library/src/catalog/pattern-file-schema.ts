import { z } from 'zod';
import { NODE_TYPES } from '@onexgen/onex';
import type { Pattern, PatternCategory } from '../types.js';

export const PATTERN_CATEGORIES = [
  'resilience',
  'observability',
  'integration',
  'structure',
  'configuration',
  'security',
  'performance',
  'data',
] as const satisfies readonly PatternCategory[];

const snakeKey = z.string().regex(/^[a-z0-9]+(_[a-z0-9]+)*$/, 'must be a snake_case key');

/** One pattern file (YAML, snake_case keys as the Python side writes them). */
export const patternFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(_[a-z0-9]+)*_v[1-9][0-9]*$/, 'must look like name_v1'),
    name: snakeKey,
    category: z.enum(PATTERN_CATEGORIES),
    tags: z.array(snakeKey).min(1),
    node_types: z.array(z.enum(NODE_TYPES)).min(1),
    features: z.array(snakeKey).min(1),
    description: z.string().min(20),
    code_example: z.string().min(20),
    guidelines: z.array(z.string().min(1)).min(1),
    pitfalls: z.array(z.string().min(1)).min(1),
    critical: z.boolean().default(false),
  })
  .strict()
  .superRefine((file, ctx) => {
    if (!file.id.startsWith(`${file.name}_v`)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `must be "${file.name}_v<version>" (name + version)` });
    }
  });

export type PatternFile = z.infer<typeof patternFileSchema>;

export function toPattern(file: PatternFile, source: Pattern['source']): Pattern {
  return {
    id: file.id,
    name: file.name,
    version: Number(file.id.slice(file.id.lastIndexOf('_v') + 2)),
    category: file.category,
    tags: file.tags,
    nodeTypes: file.node_types,
    features: file.features,
    description: file.description.trim(),
    codeExample: file.code_example.replace(/\s+$/, '') + '\n',
    guidelines: file.guidelines,
    pitfalls: file.pitfalls,
    critical: file.critical,
    source,
  };
}

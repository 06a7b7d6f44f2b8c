// The four ONEX v2.0 node types and how a contract may spell them.
import { z } from 'zod';

export const NODE_TYPES = ['effect', 'compute', 'reducer', 'orchestrator'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/**
 * Contracts spell the node type in several ways (`effect`, `EFFECT`, `EFFECT_GENERIC`,
 * `NodeType.EFFECT`, `node_effect`): normalise before checking the value.
 */
export function normaliseNodeType(raw: string): string {
  const last = raw.trim().split('.').pop() ?? '';
  return last
    .toLowerCase()
    .replace(/[-_\s]*generic$/, '')
    .replace(/^node[-_\s]*/, '');
}

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);
}

/** Any accepted spelling in, the canonical lower-case type out. */
export const nodeTypeSchema = z
  .string()
  .transform(normaliseNodeType)
  .pipe(z.enum(NODE_TYPES, { error: () => `must be one of ${NODE_TYPES.join(', ')} (any case, optional _GENERIC)` }));

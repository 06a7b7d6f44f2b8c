import { z } from 'zod';

export const NODE_TYPES = ['effect', 'compute', 'reducer', 'orchestrator'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/**
 * Contracts spell the node type in several ways (`effect`, `EFFECT`, `EFFECT_GENERIC`,
 * `NodeType.EFFECT`): normalise before checking the value.
 */
export function normaliseNodeType(raw: string): string {
  const last = raw.trim().split('.').pop() ?? '';
  return last.toLowerCase().replace(/_generic$/, '').replace(/^node_?/, '');
}

export const NodeTypeSchema = z
  .string()
  .transform(normaliseNodeType)
  .pipe(z.enum(NODE_TYPES, { error: () => `must be one of ${NODE_TYPES.join(', ')}` }));

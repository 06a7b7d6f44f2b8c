import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { TEMPLATES_DIR } from '../data-dir.js';
import { NODE_TYPES, type NodeType } from '../spec/node-type.js';

const NodeTypeInfoSchema = z.strictObject({
  type_title: z.string(),
  base_class: z.string(),
  base_module: z.string(),
  contract_class: z.string(),
  contract_module: z.string(),
  entry_method: z.string(),
  entry_summary: z.string(),
  io: z
    .strictObject({
      pool_domains: z.array(z.string()),
      pool_features: z.array(z.string()),
      pool_service: z.string(),
      client_service_suffix: z.string(),
    })
    .optional(),
});
export type NodeTypeInfo = z.infer<typeof NodeTypeInfoSchema>;

let cached: Record<NodeType, NodeTypeInfo> | undefined;

/** The per-type facts (base class, entry method, contract model) shipped in templates/node-types.yaml. */
export function nodeTypeInfo(type: NodeType): NodeTypeInfo {
  cached ??= z
    .record(z.enum(NODE_TYPES), NodeTypeInfoSchema)
    .parse(parse(readFileSync(join(TEMPLATES_DIR, 'node-types.yaml'), 'utf8'))) as Record<NodeType, NodeTypeInfo>;
  return cached[type];
}

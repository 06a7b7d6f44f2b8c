// What each node type brings (base class, contract model, entry method, I/O dependency), read once
// per process from the package's data/node-types.yaml and validated.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { NODE_TYPES, type NodeType } from './node-types.js';

/** '../data/' from src/ under jest and from the flat dist/ bundle alike (tsup shims import.meta.url in CJS). */
export const NODE_TYPES_FILE = fileURLToPath(new URL('../data/node-types.yaml', import.meta.url));

const nodeTypeFactsSchema = z.strictObject({
  /** `Effect`: the suffix of the node class name */
  title: z.string().min(1),
  baseClass: z.string().min(1),
  baseModule: z.string().min(1),
  contractClass: z.string().min(1),
  contractModule: z.string().min(1),
  /** the base class's method the runtime calls (`execute_effect` on NodeEffect, `process` on the others) */
  entryMethod: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  /**
   * the entry method's parameter: its name and annotation, the module the annotation comes from, and
   * the fields of that model (real ones, as the API index lists them) holding the operation's data
   * (`payload`) and the id logs and errors carry (`id`)
   */
  entryParam: z.strictObject({
    name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
    class: z.string().min(1),
    module: z.string().min(1),
    payload: z.string().regex(/^[a-z_][a-z0-9_]*$/),
    id: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  }),
  entrySummary: z.string().min(1),
  summary: z.string().min(1),
  characteristics: z.array(z.string().min(1)),
  /** the I/O dependency the node resolves from the container (effect nodes) */
  io: z
    .strictObject({
      poolDomains: z.array(z.string()),
      poolFeatures: z.array(z.string()),
      poolService: z.string().min(1),
      /** the protocol type the pool / client is resolved by (declared in the node module) */
      poolProtocol: z.string().min(1),
      clientServiceSuffix: z.string().min(1),
      clientProtocol: z.string().min(1),
    })
    .optional(),
  /** service types the node module declares (typing.Protocol) for container lookups by type */
  protocols: z.array(z.strictObject({ name: z.string().regex(/^[A-Z][A-Za-z0-9_]*$/), doc: z.string().min(1) })).default([]),
});
export type NodeTypeFacts = z.infer<typeof nodeTypeFactsSchema>;

const factsFileSchema = z.strictObject(
  Object.fromEntries(NODE_TYPES.map((t) => [t, nodeTypeFactsSchema])) as Record<NodeType, typeof nodeTypeFactsSchema>,
);

let cached: Readonly<Record<NodeType, NodeTypeFacts>> | undefined;

/** Every node type's facts (parsed once; a broken file fails with its path and the field). */
export function allNodeTypeFacts(): Readonly<Record<NodeType, NodeTypeFacts>> {
  if (cached) return cached;
  // yaml is required here, on first use, not imported at the top: importing @onexgen/onex (the
  // validator's CLI does) then never loads the yaml parser
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const result = factsFileSchema.safeParse(yaml.parse(readFileSync(NODE_TYPES_FILE, 'utf8')));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${NODE_TYPES_FILE}: ${issue.path.join('.')}: ${issue.message}`, { cause: result.error });
  }
  cached = Object.freeze(result.data);
  return cached;
}

export function nodeTypeFacts(type: NodeType): NodeTypeFacts {
  return allNodeTypeFacts()[type];
}

/** `execute_effect` for effect, `process` for the others: the method a node's base class calls. */
export function entryMethodOf(type: NodeType): string {
  return nodeTypeFacts(type).entryMethod;
}

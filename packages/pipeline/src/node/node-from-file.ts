// A node file filled without --spec: what the pipeline needs is read from the file itself
// (the ONEX base class gives the node type, the class name the service name, the docstring the description).
import type { PyClass } from '@onexgen/response-validator';
import { OnexgenError } from '../errors.js';
import type { Stub } from '@onexgen/node-source';
import { isNodeType, NodeSpecSchema, normaliseNodeType, snakeCase, type NodeSpec, type NodeType } from '@onexgen/onex';

function nodeTypeOf(className: string, bases: readonly string[]): NodeType | undefined {
  for (const candidate of [...bases.map((b) => b.replace(/\[.*$/, '').split('.').pop() ?? ''), className]) {
    const m = /^Node(?:[A-Za-z0-9]*?)(Effect|Compute|Reducer|Orchestrator)$/.exec(candidate);
    if (m) {
      const type = normaliseNodeType(m[1]!);
      if (isNodeType(type)) return type;
    }
  }
  return undefined;
}

export interface FileNode {
  spec: NodeSpec;
  nodeType: NodeType;
  className: string;
}

export function nodeFromFile(file: string, fileClasses: readonly PyClass[], stubs: readonly Stub[], spec?: NodeSpec): FileNode {
  const classes = fileClasses.map((c) => ({ c, type: nodeTypeOf(c.name, c.bases) })).filter((x) => x.type);
  const main = classes.find((x) => stubs.some((s) => s.className === x.c.name)) ?? classes[0];
  if (spec) return { spec, nodeType: spec.node_type, className: main?.c.name ?? `Node${spec.name}` };
  if (!main) {
    throw new OnexgenError(
      'NODE_FILE_INVALID',
      `${file}: no ONEX node class found (a class deriving from NodeEffect, NodeCompute, NodeReducer or NodeOrchestrator); pass --spec FILE`,
      { where: file },
    );
  }
  const name = snakeCase(main.c.name.replace(/^Node/, '').replace(/(Effect|Compute|Reducer|Orchestrator)$/, '')) || 'node';
  const description = main.c.docstring?.text.replace(/^[rRuU]?("""|''')|("""|''')$/g, '').trim().split('\n')[0]?.trim() || `${main.c.name} node`;
  const spec2 = NodeSpecSchema.parse({
    name,
    node_type: main.type,
    description,
    operations: stubs.filter((s) => s.className === main.c.name && !s.method.startsWith('_') && !s.method.startsWith('execute_')).map((s) => s.method),
  });
  return { spec: spec2, nodeType: main.type!, className: main.c.name };
}

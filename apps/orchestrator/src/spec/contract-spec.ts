// The contract.yaml onexgen writes beside a generated node, read back as a spec: `onexgen fill
// node.py` finds the examples (and everything else the spec said) there when no --spec is given.
// The contract's shape: version as {major, minor, patch}, node_type in capitals, input/output
// models at the top, and the spec's contract fields (io_operations, table, …) at the top too.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NodeSpec } from '@onexgen/onex';
import { loadSpecFile } from './load-spec.js';

/** Top-level keys of contract.yaml that are spec fields; every other key is a contract field. */
const SPEC_KEYS = new Set(['name', 'description', 'domain', 'operations', 'methods', 'features', 'performance', 'overrides']);

export function contractToSpecData(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const spec: Record<string, unknown> = {};
  const contract: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (SPEC_KEYS.has(key)) spec[key] = value;
    else if (key === 'node_type') spec.node_type = typeof value === 'string' ? value.toLowerCase() : value;
    else if (key === 'version' && typeof value === 'string') spec.version = value;
    else if (key === 'version' && typeof value === 'object' && value !== null) {
      const v = value as Record<string, unknown>;
      spec.version = `${String(v.major ?? 1)}.${String(v.minor ?? 0)}.${String(v.patch ?? 0)}`;
    } else contract[key] = value;
  }
  if (Object.keys(contract).length) spec.contract = contract;
  return spec;
}

/** The spec read from `contract.yaml` beside the node file, or undefined when there is none. */
export async function specBesideNode(nodeFile: string): Promise<{ spec: NodeSpec; file: string } | undefined> {
  const file = join(dirname(nodeFile), 'contract.yaml');
  if (!existsSync(file)) return undefined;
  return { spec: await loadSpecFile(file, contractToSpecData), file };
}

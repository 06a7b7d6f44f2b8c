// The I/O dependency an effect node declares: a connection pool for database nodes, otherwise a
// client. One decision shared by the skeleton (which resolves it from the ONEX container in
// __init__) and the partial bodies (which call through it), so generated code and skeleton agree.
import { normalizeFeatures } from '@onexgen/pattern-library';
import type { NodeSpec } from '../spec/schema.js';

export interface EffectIo {
  kind: 'pool' | 'client';
  /** the attribute on self: `pool` or `client` */
  attribute: 'pool' | 'client';
  /** the name the node asks the container for */
  service: string;
}

const DATABASE_FEATURES = new Set(['connection_pooling', 'transaction_management', 'database', 'batch_processing']);

export function effectIoOf(spec: NodeSpec): EffectIo | undefined {
  if (spec.node_type !== 'effect') return undefined;
  const contract = (spec.contract ?? {}) as Record<string, unknown>;
  const database =
    spec.domain === 'database' ||
    typeof contract.table === 'string' ||
    normalizeFeatures(spec.features).some((f) => DATABASE_FEATURES.has(f));
  return database
    ? { kind: 'pool', attribute: 'pool', service: 'database_pool' }
    : { kind: 'client', attribute: 'client', service: `${spec.name}_client` };
}

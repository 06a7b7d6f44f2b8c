// The I/O dependency a node declares (effect nodes, per @onexgen/onex's node-types.yaml): a connection
// pool for database nodes, otherwise a client. One decision shared by the skeleton (which resolves
// it from the ONEX container in __init__) and the partial bodies (which call through it), so the
// generated code and the skeleton agree.
import { normalizeFeatures } from '@onexgen/pattern-library';
import { nodeTypeFacts, type NodeSpec } from '@onexgen/onex';

export interface EffectIo {
  kind: 'pool' | 'client';
  /** the attribute on self: `pool` or `client` */
  attribute: 'pool' | 'client';
  /** the name the node asks the container for */
  service: string;
  /** the protocol type it is resolved by (declared in the node module) */
  protocol: string;
  /** the protocol's docstring */
  doc: string;
}

export function effectIoOf(spec: NodeSpec): EffectIo | undefined {
  const io = nodeTypeFacts(spec.node_type).io;
  if (!io) return undefined;
  const contract = (spec.contract ?? {}) as Record<string, unknown>;
  const database =
    io.poolDomains.includes(spec.domain) ||
    typeof contract.table === 'string' ||
    normalizeFeatures(spec.features).some((f) => io.poolFeatures.includes(f));
  if (database) {
    return { kind: 'pool', attribute: 'pool', service: io.poolService, protocol: io.poolProtocol, doc: 'The database connection pool the container provides (acquire()).' };
  }
  const service = `${spec.name}${io.clientServiceSuffix}`;
  return { kind: 'client', attribute: 'client', service, protocol: io.clientProtocol, doc: `The client the container provides for ${service}.` };
}

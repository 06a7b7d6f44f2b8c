// What the pipeline knows about one node and one of its stub methods, derived once.
import type { ValidationContext } from '@onexgen/response-validator';
import type { TaskSignature } from '@onexgen/pattern-library';
import type { MethodConfig } from '../run-config.js';
import type { InjectionBase, Stub } from '@onexgen/node-source';
import { examplesOf, type MethodExample, type NodeSpec, type NodeType } from '@onexgen/onex';

export interface NodeContext {
  /** the spec or node file this node came from (for messages and progress) */
  label: string;
  spec: NodeSpec;
  nodeType: NodeType;
  className: string;
  /** the ONEX contract fields pattern detection reads */
  contract: Record<string, unknown>;
  /** the node file's import statements as written */
  fileImports: string[];
  source: string;
  /** what injecting needs of the parse `source`'s stubs were found in: injecting then parses only what changed */
  injection?: InjectionBase;
  /**
   * The node package's other files by relative path (models/, __init__.py), so the sandbox can
   * import the node as it is written; `source` is written as `<moduleName>.py` beside them.
   */
  packageFiles?: Record<string, string>;
  /** the node file's module name inside its package (default 'node') */
  moduleName?: string;
}

export interface MethodInfo {
  stub: Stub;
  config: MethodConfig;
  /** the `def` line(s) as written */
  signatureText: string;
  params: string[];
  validation: ValidationContext;
  task: TaskSignature;
  /** the spec's examples for this method (run in the sandbox after static validation) */
  examples: MethodExample[];
}

export function methodInfo(node: NodeContext, stub: Stub, config: MethodConfig): MethodInfo {
  const fn = stub.function;
  const params = fn.params.map((p) => p.name).filter((n) => n !== 'self' && n !== 'cls');
  return {
    stub,
    config,
    signatureText: node.source.slice(fn.signature.startIndex, fn.signature.endIndex),
    params,
    validation: {
      fragment: true,
      nodeType: node.nodeType,
      methodName: stub.method,
      isAsync: stub.isAsync,
      fileImports: node.fileImports,
      knownNames: ['self', ...params],
    },
    task: {
      nodeType: node.nodeType,
      methodName: stub.method,
      params,
      features: node.spec.features,
      className: node.className,
    },
    examples: examplesOf(node.spec, stub.method),
  };
}

/** The spec in the shape @onexgen/context-builder validates (camelCase, its own field names). */
export function contextSpecOf(node: NodeContext): Record<string, unknown> {
  const { spec } = node;
  const perf = spec.performance;
  return {
    name: spec.name,
    nodeType: node.nodeType,
    domain: spec.domain,
    description: spec.description,
    operations: spec.operations,
    features: spec.features,
    ...(perf
      ? {
          performance: {
            ...(perf.latency_ms ? { latencyP95Ms: perf.latency_ms } : {}),
            ...(perf.throughput_rps ? { throughputPerSecond: perf.throughput_rps } : {}),
            ...(perf.memory_mb ? { maxMemoryMb: perf.memory_mb } : {}),
          },
        }
      : {}),
    contract: {
      ...(spec.contract?.input_model ? { inputModel: spec.contract.input_model } : {}),
      ...(spec.contract?.output_model ? { outputModel: spec.contract.output_model } : {}),
      ioOperations: (spec.contract?.io_operations ?? []).map((io) => ({
        operationType: io.operation_type,
        ...(io.atomic !== undefined ? { atomic: io.atomic } : {}),
        ...(io.timeout_seconds !== undefined ? { timeoutSeconds: io.timeout_seconds } : {}),
      })),
    },
  };
}

/** The contract pattern detection reads: operations, io_operations, capabilities, tags. */
export function contractOf(spec: NodeSpec): Record<string, unknown> {
  return {
    name: spec.name,
    node_type: spec.node_type,
    description: spec.description,
    operations: spec.operations,
    ...(spec.contract ?? {}),
    tags: spec.features,
  };
}

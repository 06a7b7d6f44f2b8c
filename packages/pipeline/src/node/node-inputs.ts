// A spec or a node file turned into what the pipeline works on: the source with its stubs and the
// NodeContext. Shared by generate/fill (run-nodes) and explain.
import { basename } from 'node:path';
import { findStubsIn, injectionBase, type Stub } from '@onexgen/node-source';
import type { PythonParser } from '@onexgen/response-validator';
import { renderSkeleton, type Skeleton } from '../skeleton/render-skeleton.js';
import type { NodeSpec } from '@onexgen/onex';
import { contractOf, type NodeContext } from '../method/node-context.js';
import { nodeFromFile } from './node-from-file.js';
import { fileFacts, validFacts, type FileFacts } from './file-facts.js';

export interface NodeInput {
  node: NodeContext;
  stubs: Stub[];
}

export function specInput(parser: PythonParser, file: string, spec: NodeSpec): NodeInput & { skeleton: Skeleton } {
  const skeleton = renderSkeleton(spec, { specFile: file });
  const source = skeleton.files.find((f) => f.path === 'node.py')!.content;
  const { module, stubs } = findStubsIn(parser, source);
  return {
    skeleton,
    stubs,
    node: {
      label: file,
      spec,
      nodeType: spec.node_type,
      className: skeleton.className,
      contract: contractOf(spec),
      fileImports: module.imports.map((i) => i.text),
      source,
      injection: injectionBase(module),
      packageFiles: Object.fromEntries(skeleton.files.filter((f) => f.path !== 'node.py').map((f) => [f.path, f.content])),
      moduleName: 'node',
    },
  };
}

export interface FileInputOptions {
  includeUncertain?: boolean;
  packageFiles?: Record<string, string>;
}

export function fileInput(
  parser: PythonParser,
  file: string,
  source: string,
  spec?: NodeSpec,
  options: FileInputOptions = {},
): NodeInput {
  return inputFromFacts(file, source, fileFacts(parser, source, options), spec, options);
}

/** The NodeInput of a node file from what its parse showed; a file that is not valid Python is refused. */
export function inputFromFacts(file: string, source: string, facts: FileFacts, spec?: NodeSpec, options: FileInputOptions = {}): NodeInput {
  const { stubs } = validFacts(file, facts);
  const info = nodeFromFile(file, facts.classes, stubs, spec);
  return {
    stubs,
    node: {
      label: file,
      spec: info.spec,
      nodeType: info.nodeType,
      className: info.className,
      contract: contractOf(info.spec),
      fileImports: facts.injection.imports.map((i) => i.text),
      source,
      injection: { ...facts.injection, source },
      ...(options.packageFiles ? { packageFiles: options.packageFiles } : {}),
      moduleName: basename(file).replace(/\.py$/, '').replace(/\W/g, '_') || 'node',
    },
  };
}

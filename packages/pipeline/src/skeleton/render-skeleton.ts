// Renders a node package (node.py, contract.yaml, models/, __init__.py, tests/, README) from the
// mustache templates in templates/node/ for a validated spec.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Mustache from 'mustache';
import { stringify } from 'yaml';
import { TEMPLATES_DIR } from '../data-dir.js';
import { examplesOf, nodeClassName, nodeTypeFacts, pascalCase, pyString as quoted, pythonDocText, snakeCase, type NodeSpec } from '@onexgen/onex';
import { effectIoOf } from './effect-io.js';
import { testView } from './test-view.js';

export interface SkeletonFile {
  /** relative to the node directory, '/'-separated */
  path: string;
  content: string;
}

export interface SkeletonMethod {
  name: string;
  signature: string;
  description: string;
  /** index in spec.methods when the method was declared explicitly (for error paths) */
  specMethodIndex?: number;
}

export interface Skeleton {
  /** directory name of the node package, e.g. node_mysql_adapter_effect */
  dirName: string;
  className: string;
  methods: SkeletonMethod[];
  files: SkeletonFile[];
}

const GENERATOR_VERSION = '0.1.0';
const NODE_TEMPLATE_DIR = join(TEMPLATES_DIR, 'node');
let templates: { path: string; text: string }[] | undefined;

function loadTemplates(): { path: string; text: string }[] {
  if (templates) return templates;
  const found: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.mustache')) {
        found.push({ path: relative(NODE_TEMPLATE_DIR, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(NODE_TEMPLATE_DIR);
  templates = found.sort((a, b) => a.path.localeCompare(b.path));
  return templates;
}

/** Operation methods first (spec order), explicit methods replace or extend them. */
export function skeletonMethods(spec: NodeSpec): SkeletonMethod[] {
  const methods = new Map<string, SkeletonMethod>();
  for (const op of spec.operations) {
    methods.set(op.name, {
      name: op.name,
      signature: `async def ${op.name}(self, input_data: dict[str, Any]) -> dict[str, Any]:`,
      description: 'description' in op && op.description ? op.description : `Perform the ${op.name} operation.`,
    });
  }
  (spec.methods ?? []).forEach((m, i) => {
    const previous = methods.get(m.name);
    const asyncPrefix = m.async === false ? '' : 'async ';
    let signature = m.signature?.trim() ?? `${asyncPrefix}def ${m.name}(self, input_data: dict[str, Any]) -> dict[str, Any]`;
    if (!signature.endsWith(':')) signature += ':';
    methods.set(m.name, {
      name: m.name,
      signature,
      description: m.docstring ?? previous?.description ?? `Perform ${m.name}.`,
      specMethodIndex: i,
    });
  });
  return [...methods.values()];
}

export function renderSkeleton(spec: NodeSpec, options: { specFile?: string } = {}): Skeleton {
  const info = nodeTypeFacts(spec.node_type);
  const io = effectIoOf(spec);
  const className = nodeClassName(spec.name, info.title);
  const base = pascalCase(spec.name);
  const snake = snakeCase(spec.name);
  const inputModel = spec.contract?.input_model ?? `Model${base}Input`;
  const outputModel = spec.contract?.output_model ?? `Model${base}Output`;
  const methods = skeletonMethods(spec);
  const operationNames = spec.operations.map((o) => o.name);
  const [major, minor, patch] = spec.version.split('.');
  const summary = spec.description.replace(/\s+/g, ' ').trim();
  const { input_model: _i, output_model: _o, ...contractRest } = spec.contract ?? {};
  const contractExtras = {
    domain: spec.domain,
    // the examples travel with the contract, so `onexgen fill node.py` checks a filled file the same way
    operations: spec.operations.map((o) => ({
      name: o.name,
      ...('description' in o && o.description ? { description: o.description } : {}),
      ...('examples' in o && o.examples?.length ? { examples: o.examples } : {}),
    })),
    ...(spec.methods?.length ? { methods: spec.methods } : {}),
    features: spec.features,
    ...(spec.performance ? { performance: spec.performance } : {}),
    ...contractRest,
  };
  const view = {
    className,
    typeTitle: info.title,
    baseClass: info.baseClass,
    baseModule: info.baseModule,
    contractClass: info.contractClass,
    contractModule: info.contractModule,
    entryMethod: info.entryMethod,
    entryParamName: info.entryParam.name,
    entryParamClass: info.entryParam.class,
    entryParamImport: info.entryParam.class.split('[')[0],
    entryParamModule: info.entryParam.module,
    // names the field that really carries the data (input_state on the contract, data / metadata on the inputs)
    entryParamDoc:
      info.entryParam.name === 'contract'
        ? `${info.title} contract; ${info.entryParam.payload} carries the operation and its parameters`
        : `the ${info.title} input (${info.entryParam.class}); ${info.entryParam.payload} carries the operation and its parameters`,
    // service types declared in the node module: the I/O dependency's, then the node type's
    protocols: [...(io ? [{ name: io.protocol, doc: io.doc }] : []), ...info.protocols],
    entrySummary: info.entrySummary,
    domain: spec.domain,
    description: spec.description.trim(),
    docDescription: pythonDocText(summary, '    '),
    generatorVersion: GENERATOR_VERSION,
    specFile: options.specFile ?? 'a spec',
    version: spec.version,
    versionMajor: major,
    versionMinor: minor,
    versionPatch: patch,
    nodeTypeUpper: spec.node_type.toUpperCase(),
    nameYaml: quoted(spec.name),
    descriptionYaml: quoted(summary),
    contractExtrasYaml: stringify(contractExtras).trimEnd(),
    inputModel,
    outputModel,
    inputModule: `model_${snake}_input`,
    outputModule: `model_${snake}_output`,
    operations: spec.operations,
    hasOperations: spec.operations.length > 0,
    features: spec.features.map((f) => pythonDocText(f.replace(/\s+/g, ' '), '')),
    hasFeatures: spec.features.length > 0,
    operationNamesPy: `[${operationNames.map(quoted).join(', ')}]`,
    io,
    usesAsyncpg: io?.kind === 'pool',
    dirName: `node_${snake}_${spec.node_type}`,
    ...testView(
      methods.map((m) => ({ name: m.name, isAsync: /^\s*async\s/.test(m.signature), examples: examplesOf(spec, m.name) })),
      io?.attribute,
    ),
    operationNamesDescPy: quoted(`One of: ${operationNames.join(', ') || '(none declared)'}`),
    methods: methods.map((m) => ({ ...m, docstring: pythonDocText(m.description, '        ') })),
  };
  // Python, YAML and Markdown, never HTML: no escaping (values that need quoting are quoted above).
  const config = { escape: (value: unknown) => String(value) };
  const files = loadTemplates().map((t) => {
    let path = t.path.replace(/\.mustache$/, '');
    if (path === 'models/model_input.py') path = `models/${view.inputModule}.py`;
    if (path === 'models/model_output.py') path = `models/${view.outputModule}.py`;
    return { path, content: Mustache.render(t.text, view, {}, config) };
  });
  return { dirName: `node_${snake}_${spec.node_type}`, className, methods, files };
}

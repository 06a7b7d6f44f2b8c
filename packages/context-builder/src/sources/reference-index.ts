// The reference index: built once over a set of reference node files (parsed with the real Python
// parser), then asked for the nodes most similar to the one being generated and for the relevant
// method cut out of each. Building costs a parse per file; finding is an in-memory scan.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { normalizeFeatures } from '@onexgen/pattern-library';
import type { PyFunction, PythonParser } from '@onexgen/response-validator';
import { loadGuidanceData } from '../data/load-data.js';
import type { GuidanceRule } from '../data/data-files.js';
import { ContextBuilderError } from '../errors.js';
import { tidy } from '../format/clean-code.js';
import { entryMethodOf, type NodeType } from '@onexgen/onex';
import { discoverReferenceFiles } from './reference-files.js';
import { readReferenceSpec, validateReferenceSpec, type ReferenceSpec, type ReferenceSpecInput } from './reference-spec.js';

export interface ReferenceNodeInput {
  /** path of the node's .py file */
  file: string;
  /** the spec itself, or the path of a YAML/JSON spec file */
  spec: ReferenceSpecInput | string;
}

export interface ReferenceIndexOptions {
  parser: PythonParser;
  /** a directory searched recursively (see README for how specs are paired with files) */
  dir?: string;
  /** explicit node files with their specs */
  nodes?: ReferenceNodeInput[];
  /** locations are reported relative to this folder (default: `dir`, else absolute paths) */
  root?: string;
}

export interface ReferenceQuery {
  nodeType: NodeType;
  /** canonical or free-text features; normalised like the references' */
  features: readonly string[];
  /** the method being generated, e.g. 'execute_effect' */
  method: string;
  /** minimum similarity, 0..1 (default 0.3) */
  threshold?: number;
  /** at most this many (default 3) */
  limit?: number;
}

export interface ReferenceImplementation {
  /** '<node name>:<method>' */
  id: string;
  nodeName: string;
  className: string;
  location: string;
  /** Dice coefficient of the feature sets, among nodes of the same type */
  similarity: number;
  matchedFeatures: string[];
  method: string;
  /** 'same-name' when the reference has the very method; 'entry-method' when its entry method stands in */
  methodMatch: 'same-name' | 'entry-method';
  /** the whole definition, decorators included, dedented */
  code: string;
  guidance: string[];
  pitfalls: string[];
}

export interface ReferenceIndex {
  readonly size: number;
  readonly skipped: readonly string[];
  find(query: ReferenceQuery): ReferenceImplementation[];
  /** how many indexed nodes have the given node type (what was available to choose from) */
  countByNodeType(nodeType: NodeType): number;
}

interface IndexedMethod {
  fn: PyFunction;
  code: string;
  calls: string[];
}

interface IndexedNode {
  spec: ReferenceSpec;
  features: Set<string>;
  location: string;
  className: string;
  methods: Map<string, IndexedMethod>;
}

function adviceFor(calls: readonly string[], rules: readonly GuidanceRule[]): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    const hit = calls.some((c) => (rule.callee.endsWith('.') ? c.startsWith(rule.callee) : c === rule.callee));
    if (hit && !out.includes(rule.advice)) out.push(rule.advice);
  }
  return out;
}

/** Picks the node class: a `Node…`/`ModelService…` class if there is one, else the first class. */
function mainClassName(fns: readonly PyFunction[], classes: readonly { name: string; bases: string[] }[]): string | undefined {
  const looksLikeNode = (c: { name: string; bases: string[] }) =>
    c.name.startsWith('Node') || c.bases.some((b) => /^(Node|ModelService)/.test(b));
  return classes.find(looksLikeNode)?.name ?? classes.find((c) => fns.some((f) => f.className === c.name))?.name;
}

function indexNode(file: string, spec: ReferenceSpec, parser: PythonParser, root: string | undefined): IndexedNode {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ContextBuilderError('REFERENCE_UNREADABLE', `cannot read reference node file ${file}`, { cause });
  }
  const parsed = parser.parse(source);
  if (!parsed.syntaxValid) {
    const first = parsed.syntaxErrors[0];
    throw new ContextBuilderError(
      'REFERENCE_UNREADABLE',
      `reference node file ${file} is not valid Python${first ? ` (line ${first.line}: ${first.message})` : ''}`,
    );
  }
  const className = mainClassName(parsed.functions, parsed.classes) ?? '';
  const methods = new Map<string, IndexedMethod>();
  for (const fn of parsed.functions) {
    if (fn.className !== className || fn.qualifiedName !== `${className}.${fn.name}`) continue;
    const d = fn.definition;
    // the slice starts at the decorator/def column: restore that indentation so dedent is uniform
    const code = tidy(' '.repeat(d.startColumn - 1) + source.slice(d.startIndex, d.endIndex));
    const calls = parsed.calls.filter((c) => c.enclosingFunction === fn.qualifiedName).map((c) => c.callee);
    methods.set(fn.name, { fn, code, calls });
  }
  return {
    spec,
    features: new Set(normalizeFeatures(spec.features)),
    location: root ? relative(root, file) : file,
    className,
    methods,
  };
}

export function buildReferenceIndex(options: ReferenceIndexOptions): ReferenceIndex {
  const { parser } = options;
  const root = options.root ?? options.dir;
  const nodes: IndexedNode[] = [];
  const skipped: string[] = [];
  if (options.dir) {
    const found = discoverReferenceFiles(options.dir);
    skipped.push(...found.withoutSpec);
    for (const pair of found.pairs) nodes.push(indexNode(pair.file, readReferenceSpec(pair.spec), parser, root));
  }
  for (const [i, node] of (options.nodes ?? []).entries()) {
    const spec = typeof node.spec === 'string' ? readReferenceSpec(node.spec) : validateReferenceSpec(node.spec, `nodes[${i}].spec`);
    nodes.push(indexNode(node.file, spec, parser, root));
  }
  const rules = loadGuidanceData();

  return {
    size: nodes.length,
    skipped,
    countByNodeType: (nodeType) => nodes.filter((n) => n.spec.nodeType === nodeType).length,
    find({ nodeType, features, method, threshold = 0.3, limit = 3 }) {
      const wanted = new Set(normalizeFeatures(features));
      const found: ReferenceImplementation[] = [];
      for (const node of nodes) {
        if (node.spec.nodeType !== nodeType) continue;
        const matched = [...wanted].filter((f) => node.features.has(f)).sort();
        const denominator = wanted.size + node.features.size;
        const similarity = denominator === 0 ? 0 : Math.round(((2 * matched.length) / denominator) * 100) / 100;
        if (similarity < threshold) continue;
        const same = node.methods.get(method);
        const picked = same ?? node.methods.get(entryMethodOf(nodeType));
        if (!picked) continue;
        found.push({
          id: `${node.spec.name}:${picked.fn.name}`,
          nodeName: node.className || node.spec.name,
          className: node.className,
          location: node.location,
          similarity,
          matchedFeatures: matched,
          method: picked.fn.name,
          methodMatch: same ? 'same-name' : 'entry-method',
          code: picked.code,
          guidance: [...node.spec.guidance, ...adviceFor(picked.calls, rules)],
          pitfalls: [...node.spec.pitfalls],
        });
      }
      // most similar first; the very method before a stand-in; then by id so ties are stable
      found.sort(
        (a, b) =>
          b.similarity - a.similarity ||
          Number(b.methodMatch === 'same-name') - Number(a.methodMatch === 'same-name') ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
      return found.slice(0, limit);
    },
  };
}

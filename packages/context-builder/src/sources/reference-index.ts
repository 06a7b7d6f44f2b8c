// The reference index: built once over reference node files (each read once per content, see
// reference-cache.ts), then asked for the methods most similar to the one being generated. Ranking
// is BM25 plus structure (reference-ranking.ts); `ranking: 'dice'` keeps the feature-set Dice
// overlap it replaced, as the baseline the bench measures against.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { normalizeFeatures } from '@onexgen/pattern-library';
import type { PythonParser } from '@onexgen/response-validator';
import { loadGuidanceData } from '../data/load-data.js';
import type { GuidanceRule } from '../data/data-files.js';
import { ContextBuilderError } from '../errors.js';
import { entryMethodOf, snakeCase, type NodeType } from '@onexgen/onex';
import { ioKindOfCode, type IoKind } from './io-kind.js';
import { contentHash, readNodeFile, type ReadMethod, type ReadNodeFile } from './reference-node.js';
import { createReferenceCache, type ReferenceCache } from './reference-cache.js';
import { discoverReferenceFiles } from './reference-files.js';
import { createBm25Ranker, type RankedDoc, type Ranker } from './reference-ranking.js';
import { readReferenceSpec, validateReferenceSpec, type ReferenceSpec, type ReferenceSpecInput } from './reference-spec.js';

export interface ReferenceNodeInput {
  /** path of the node's .py file */
  file: string;
  /** the spec itself, or the path of a YAML/JSON spec file; absent: read from the file (node class, docstrings) */
  spec?: ReferenceSpecInput | string;
}

export type ReferenceRanking = 'bm25' | 'dice';

export interface ReferenceIndexOptions {
  parser: PythonParser;
  /** a directory searched recursively (see README for how specs are paired with files) */
  dir?: string;
  /** more directories, searched the same way (`--references DIR`, repeatable) */
  dirs?: readonly string[];
  /** explicit node files, with or without their specs */
  nodes?: ReferenceNodeInput[];
  /** locations are reported relative to this folder (default: the one directory given, else absolute paths) */
  root?: string;
  /** 'bm25' (default) or the 'dice' baseline (feature sets only, same node type only) */
  ranking?: ReferenceRanking;
  /** where read files are kept by content hash across runs (default: in memory only) */
  cacheDir?: string;
}

export interface ReferenceQuery {
  nodeType: NodeType;
  /** canonical or free-text features; normalised like the references' */
  features: readonly string[];
  /** the method being generated, e.g. 'execute_effect' */
  method: string;
  /** prose about the task: the spec's description and operations, the method's docstring and signature */
  text?: string;
  /** the spec's I/O kind (database, http, messaging, files, cache, none); inferred from text and features when absent */
  ioKind?: IoKind;
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
  /** 0..1: BM25 relevance combined with node type and I/O kind (the Dice coefficient under `ranking: 'dice'`) */
  similarity: number;
  matchedFeatures: string[];
  /** query words the method matched (BM25 ranking) */
  matchedTerms: string[];
  method: string;
  /** the very method; the node's entry method standing in; or another of its methods that ranked best */
  methodMatch: 'same-name' | 'entry-method' | 'similar-method';
  /** the whole definition, decorators included, dedented */
  code: string;
  guidance: string[];
  pitfalls: string[];
}

export interface ReferenceIndexStats {
  files: number;
  /** files read from the content-hash cache instead of parsed */
  fromCache: number;
  /** methods ranked (placeholder bodies are not) */
  methods: number;
}

export interface ReferenceIndex {
  readonly size: number;
  readonly skipped: readonly string[];
  readonly stats: ReferenceIndexStats;
  find(query: ReferenceQuery): ReferenceImplementation[];
  /** how many indexed nodes have the given node type (what was available to choose from) */
  countByNodeType(nodeType: NodeType): number;
}

interface IndexedNode {
  spec: ReferenceSpec;
  features: Set<string>;
  location: string;
  file: ReadNodeFile;
  methods: Map<string, ReadMethod>;
  ioKinds: Map<string, IoKind>;
}

function adviceFor(calls: readonly string[], rules: readonly GuidanceRule[]): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    const hit = calls.some((c) => (rule.callee.endsWith('.') ? c.startsWith(rule.callee) : c === rule.callee));
    if (hit && !out.includes(rule.advice)) out.push(rule.advice);
  }
  return out;
}

function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ContextBuilderError('REFERENCE_UNREADABLE', `cannot read reference node file ${file}`, { cause });
  }
}

/** A file with its spec, or with what the file says of itself; undefined when it holds no node class. */
function indexNode(file: string, spec: ReferenceSpec | undefined, read: ReadNodeFile, root: string | undefined): IndexedNode | undefined {
  const nodeType = spec?.nodeType ?? read.inferredNodeType;
  if (!nodeType || !read.className) return undefined;
  const full: ReferenceSpec = spec ?? {
    name: snakeCase(read.className.replace(/^Node/, '').replace(/(Effect|Compute|Reducer|Orchestrator)$/, '')) || read.className,
    nodeType,
    features: [],
    description: read.classDocstring,
    guidance: [],
    pitfalls: [],
  };
  const nodeText = [full.description, read.classDocstring, ...full.features].join(' ');
  return {
    spec: full,
    features: new Set(normalizeFeatures(full.features)),
    location: root ? relative(root, file) : file,
    file: read,
    methods: new Map(read.methods.map((m) => [m.name, m])),
    ioKinds: new Map(read.methods.map((m) => [m.name, ioKindOfCode(read.modules, m.calls, `${m.docstring} ${nodeText}`)])),
  };
}

function docsOf(nodes: readonly IndexedNode[]): RankedDoc[] {
  const docs: RankedDoc[] = [];
  for (const [i, node] of nodes.entries()) {
    for (const m of node.methods.values()) {
      if (m.placeholder) continue;
      docs.push({
        key: `${i}:${m.name}`,
        nodeKey: i,
        nodeType: node.spec.nodeType,
        ioKind: node.ioKinds.get(m.name) ?? 'none',
        method: m.name,
        name: `${m.name} ${node.file.className} ${node.spec.name}`,
        doc: [m.docstring, node.file.classDocstring, node.spec.description].join('\n'),
        code: [...m.params, ...m.calls].join(' '),
        features: [...node.spec.features, ...node.features].join(' '),
      });
    }
  }
  return docs;
}

const byRank = (a: ReferenceImplementation, b: ReferenceImplementation): number =>
  // most similar first; the very method before a stand-in; then by id so ties are stable
  b.similarity - a.similarity ||
  Number(b.methodMatch === 'same-name') - Number(a.methodMatch === 'same-name') ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildReferenceIndex(options: ReferenceIndexOptions): ReferenceIndex {
  const { parser } = options;
  const dirs = [...(options.dir ? [options.dir] : []), ...(options.dirs ?? [])];
  const root = options.root ?? (dirs.length === 1 ? dirs[0] : undefined);
  const cache: ReferenceCache = createReferenceCache(options.cacheDir);
  const stats: ReferenceIndexStats = { files: 0, fromCache: 0, methods: 0 };
  const nodes: IndexedNode[] = [];
  const skipped: string[] = [];
  const read = (file: string): ReadNodeFile => {
    const source = readSource(file);
    const hash = contentHash(source);
    stats.files += 1;
    const hit = cache.get(hash);
    if (hit) {
      stats.fromCache += 1;
      return hit;
    }
    const fresh = readNodeFile(file, source, parser);
    cache.set(hash, fresh);
    return fresh;
  };
  const add = (file: string, spec: ReferenceSpec | undefined): void => {
    const node = indexNode(file, spec, read(file), root);
    if (node) nodes.push(node);
    else skipped.push(file);
  };
  for (const dir of dirs) {
    for (const found of discoverReferenceFiles(dir)) add(found.file, found.spec ? readReferenceSpec(found.spec) : undefined);
  }
  for (const [i, node] of (options.nodes ?? []).entries()) {
    const spec =
      node.spec === undefined ? undefined : typeof node.spec === 'string' ? readReferenceSpec(node.spec) : validateReferenceSpec(node.spec, `nodes[${i}].spec`);
    add(node.file, spec);
  }
  const rules = loadGuidanceData();
  const docs = docsOf(nodes);
  stats.methods = docs.length;
  const ranker: Ranker | undefined = options.ranking === 'dice' ? undefined : createBm25Ranker(docs);

  const implementation = (node: IndexedNode, picked: ReadMethod, method: string, similarity: number, terms: string[], wanted: Set<string>): ReferenceImplementation => ({
    id: `${node.spec.name}:${picked.name}`,
    nodeName: node.file.className || node.spec.name,
    className: node.file.className,
    location: node.location,
    similarity,
    matchedFeatures: [...wanted].filter((f) => node.features.has(f)).sort(),
    matchedTerms: terms,
    method: picked.name,
    methodMatch: picked.name === method ? 'same-name' : picked.name === entryMethodOf(node.spec.nodeType) ? 'entry-method' : 'similar-method',
    code: picked.code,
    guidance: [...node.spec.guidance, ...adviceFor(picked.calls, rules)],
    pitfalls: [...node.spec.pitfalls],
  });

  /** the baseline: same node type only, Dice of the feature sets, the same-named method or the entry method */
  const findDice = ({ nodeType, features, method, threshold = 0.3 }: ReferenceQuery): ReferenceImplementation[] => {
    const wanted = new Set(normalizeFeatures(features));
    const found: ReferenceImplementation[] = [];
    for (const node of nodes) {
      if (node.spec.nodeType !== nodeType) continue;
      const matched = [...wanted].filter((f) => node.features.has(f)).length;
      const denominator = wanted.size + node.features.size;
      const similarity = denominator === 0 ? 0 : Math.round(((2 * matched) / denominator) * 100) / 100;
      if (similarity < threshold) continue;
      // the node's first method when it has neither: the baseline still shows the node it chose
      const picked = node.methods.get(method) ?? node.methods.get(entryMethodOf(nodeType)) ?? node.methods.values().next().value;
      if (picked) found.push(implementation(node, picked, method, similarity, [], wanted));
    }
    return found;
  };

  const findBm25 = (query: ReferenceQuery): ReferenceImplementation[] => {
    const wanted = new Set(normalizeFeatures(query.features));
    const ranked = ranker!.rank({
      nodeType: query.nodeType,
      method: query.method,
      features: [...query.features, ...wanted],
      text: query.text ?? '',
      ...(query.ioKind ? { ioKind: query.ioKind } : {}),
    });
    // one method per node, its best-ranked (the very method on a tie); then the threshold
    const best = new Map<number, (typeof ranked)[number]>();
    for (const r of ranked) {
      const prev = best.get(r.doc.nodeKey);
      if (!prev || r.similarity > prev.similarity || (r.similarity === prev.similarity && r.doc.method === query.method)) best.set(r.doc.nodeKey, r);
    }
    const found: ReferenceImplementation[] = [];
    for (const r of best.values()) {
      if (r.similarity < (query.threshold ?? 0.3)) continue;
      const node = nodes[r.doc.nodeKey]!;
      found.push(implementation(node, node.methods.get(r.doc.method)!, query.method, r.similarity, r.terms, wanted));
    }
    return found;
  };

  return {
    size: nodes.length,
    skipped,
    stats,
    countByNodeType: (nodeType) => nodes.filter((n) => n.spec.nodeType === nodeType).length,
    find(query) {
      return (ranker ? findBm25(query) : findDice(query)).sort(byRank).slice(0, query.limit ?? 3);
    },
  };
}

// One reference node file read into plain data: its node class, the node type (from the spec, else
// from the ONEX base class), and each method's code, docstring, parameters and calls — everything
// ranking needs, so a file is parsed once per content (see reference-cache.ts), never per query.
import { createHash } from 'node:crypto';
import { isNodeType, normaliseNodeType, type NodeType } from '@onexgen/onex';
import type { PyClass, PyFunction, PyStatement, PythonParser } from '@onexgen/response-validator';
import { ContextBuilderError } from '../errors.js';
import { tidy } from '../format/clean-code.js';

export interface ReadMethod {
  name: string;
  /** the whole definition, decorators included, dedented */
  code: string;
  docstring: string;
  params: string[];
  calls: string[];
  /** a body that only marks work to do (pass, `...`, NotImplementedError, a fallback marker): it teaches nothing */
  placeholder: boolean;
}

/** What one node file holds, independent of any spec (cached by content hash). */
export interface ReadNodeFile {
  className: string;
  /** from the ONEX base class or the class name (`NodeXEffect`); absent when neither says */
  inferredNodeType?: NodeType;
  classDocstring: string;
  /** modules the file imports (`asyncpg`, `omnibase_core.nodes.node_effect`) */
  modules: string[];
  methods: ReadMethod[];
}

/** pass, `...`, the docstring, `raise NotImplementedError…`: statements of a body that holds no work */
function isPlaceholderStatement(st: PyStatement): boolean {
  if (st.type === 'pass_statement') return true;
  if (st.type === 'raise_statement') return /^raise\s+NotImplementedError\b/.test(st.text);
  if (st.type !== 'expression_statement') return false;
  return st.text === '...' || /^[rRuUbB]*["']/.test(st.text);
}

export const contentHash = (source: string): string => createHash('sha256').update(source).digest('hex');

const stripQuotes = (doc: string | undefined): string => (doc ?? '').replace(/^[rRuUbB]*("""|'''|"|')/, '').replace(/("""|'''|"|')$/, '').trim();

function nodeTypeOf(cls: PyClass): NodeType | undefined {
  for (const candidate of [...cls.bases.map((b) => b.replace(/\[.*$/, '').split('.').pop() ?? ''), cls.name]) {
    const m = /^(?:Node|ModelService)[A-Za-z0-9]*?(Effect|Compute|Reducer|Orchestrator)$/.exec(candidate);
    if (m) {
      const type = normaliseNodeType(m[1]!);
      if (isNodeType(type)) return type;
    }
  }
  return undefined;
}

/** Picks the node class: one whose base or name says ONEX node, else the first class with methods. */
function mainClass(fns: readonly PyFunction[], classes: readonly PyClass[]): PyClass | undefined {
  const looksLikeNode = (c: PyClass) => c.name.startsWith('Node') || c.bases.some((b) => /^(Node|ModelService)/.test(b));
  return classes.find(looksLikeNode) ?? classes.find((c) => fns.some((f) => f.className === c.name));
}

export function readNodeFile(file: string, source: string, parser: PythonParser): ReadNodeFile {
  const parsed = parser.parse(source);
  if (!parsed.syntaxValid) {
    const first = parsed.syntaxErrors[0];
    throw new ContextBuilderError(
      'REFERENCE_UNREADABLE',
      `reference node file ${file} is not valid Python${first ? ` (line ${first.line}: ${first.message})` : ''}`,
    );
  }
  const cls = mainClass(parsed.functions, parsed.classes);
  const className = cls?.name ?? '';
  const methods: ReadMethod[] = [];
  for (const fn of parsed.functions) {
    if (fn.className !== className || fn.qualifiedName !== `${className}.${fn.name}`) continue;
    const d = fn.definition;
    // the slice starts at the decorator/def column: restore that indentation so dedent is uniform
    const code = tidy(' '.repeat(d.startColumn - 1) + source.slice(d.startIndex, d.endIndex));
    methods.push({
      name: fn.name,
      code,
      docstring: stripQuotes(fn.docstring?.text),
      params: fn.params.map((p) => p.name).filter((n) => n !== 'self' && n !== 'cls'),
      calls: parsed.calls.filter((c) => c.enclosingFunction === fn.qualifiedName).map((c) => c.callee),
      placeholder:
        parsed.comments.some((c) => c.range.startIndex >= fn.body.startIndex && c.range.endIndex <= fn.body.endIndex && c.text.includes('IMPLEMENTATION REQUIRED')) ||
        fn.statements.every(isPlaceholderStatement),
    });
  }
  const inferred = cls ? nodeTypeOf(cls) : undefined;
  return {
    className,
    ...(inferred ? { inferredNodeType: inferred } : {}),
    classDocstring: stripQuotes(cls?.docstring?.text),
    modules: [...new Set(parsed.imports.map((i) => i.module).filter((m) => m && !m.startsWith('.')))],
    methods,
  };
}

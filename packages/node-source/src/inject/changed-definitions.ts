// Which parts of a file an injection changes, so the result can be checked by parsing those parts
// alone: the definitions (decorators included) of the stubs whose bodies are replaced. Why that is
// enough for the syntax verdict: a `def` begins a logical line after a complete one and its last line
// ends one, so outside it the file is tokenised and parsed as before; the file parsed before, and the
// new text is the definition. A definition that sits in a block (a method) is parsed under as many
// `class _:` header lines as it is nested deep, so its indentation opens a block as in the file and
// CPython's indentation-depth limit is met at the same depth. (Scope rules — `nonlocal`, `await`
// outside async — are compile() errors, not part of the syntax verdict.) `from __future__ import
// barry_as_FLUFL` sends the caller to the whole-file parse (it changes what `!=` means).
import type { Stub } from '../stubs/find-stubs.js';
import type { InjectionBase } from './injection-base.js';

export interface ChangedDefinition {
  /** [start, end) in the unedited source: from the start of the first line (decorators included) */
  start: number;
  end: number;
  /** how many block headers the definition is nested in (0: a top-level def at column 1) */
  depth: number;
  /** for a span of several methods of one class (see spans()): each alone, checked when the span is refused */
  each?: ChangedDefinition[];
}

/** Methods of one class closer than this are checked as one span (one parse instead of several). */
const SPAN_GAP = 16 * 1024;

/** The stubs' definitions in document order; undefined when only a whole-file parse can tell. */
export function changedDefinitions(base: InjectionBase, stubs: readonly Stub[]): ChangedDefinition[] | undefined {
  if (!base.syntaxValid) return undefined;
  if (base.imports.some((i) => i.module === '__future__' && i.names.some((n) => n.name === 'barry_as_FLUFL'))) return undefined;
  const each = [...stubs]
    .sort((a, b) => a.replaceStart - b.replaceStart)
    .map((stub) => {
      const def = stub.function.definition;
      const nesting = stub.qualifiedName.split('.').length - 1;
      return {
        owner: `${stub.qualifiedName.slice(0, stub.qualifiedName.length - stub.method.length)}@${def.startColumn}`,
        start: base.source.lastIndexOf('\n', def.startIndex - 1) + 1,
        // trailing comment lines tree-sitter hangs on the next statement belong to the replaced body
        end: Math.max(def.endIndex, stub.replaceEnd),
        depth: def.startColumn > 1 ? Math.max(nesting, 1) : 0,
      };
    });
  return spans(each);
}

/**
 * Neighbouring methods of one class (same qualified owner, same column) become one span: what lies
 * between them is the unchanged class body, so the span parses under the same headers as each of
 * them would. A generated node's methods then cost one parse, not one each. Should a span be
 * refused where its methods alone are not (methods of one class in blocks at different depths),
 * the caller checks each alone.
 */
function spans(each: readonly (ChangedDefinition & { owner: string })[]): ChangedDefinition[] {
  const out: (ChangedDefinition & { owner: string })[] = [];
  for (const { owner, ...d } of each) {
    const last = out.at(-1);
    if (last && d.depth > 0 && last.owner === owner && d.start - last.end <= SPAN_GAP) {
      last.each = [...(last.each ?? [{ start: last.start, end: last.end, depth: last.depth }]), d];
      last.end = d.end;
    } else {
      out.push({ owner, ...d });
    }
  }
  return out.map(({ owner: _owner, ...d }) => d);
}

/** `text` (a changed definition, edited) as a module that parses exactly when it parses in its file. */
export function standalone(text: string, depth: number, eol: string): { source: string; headerLines: number } {
  let header = '';
  for (let i = 0; i < depth; i++) header += `${' '.repeat(i)}class _:${eol}`;
  return { source: header + text, headerLines: depth };
}

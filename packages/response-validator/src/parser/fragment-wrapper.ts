// Wraps a method body in a synthetic method so it parses as Python, and maps wrapped positions
// back to the body's own lines and columns.
//
// Indentation: an already-indented body is kept byte for byte under a `def` at column 0, so its
// text, strings and columns are untouched. A body whose first statement is not indented gets one
// indent unit in front of every line. The unit is a tab when the body indents with tabs anywhere,
// otherwise four spaces: a tab (or a multiple of 8 spaces) preserves CPython's tab-consistency
// comparisons between lines, four spaces in front of a tab-indented line would not.
import { PythonParserError } from './parser-error.js';
import type { PositionMap } from './fragment-mapping.js';
import { lineStartsOf } from './ranges.js';
import type { FragmentOptions, FragmentWrapper } from './types.js';

export interface BuiltWrapper extends FragmentWrapper, PositionMap {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function leadingWhitespace(line: string): string {
  return /^[ \t\f]*/.exec(line)?.[0] ?? '';
}

/** Indentation of the first line that holds code (blank and comment-only lines do not count). */
function firstCodeIndent(lines: string[]): string | undefined {
  for (const line of lines) {
    const ws = leadingWhitespace(line);
    const rest = line.slice(ws.length).replace(/\r$/, '');
    if (rest !== '' && !rest.startsWith('#')) return ws;
  }
  return undefined;
}

function checkedName(value: string | undefined, fallback: string, field: string): string {
  const name = value ?? fallback;
  if (!NAME.test(name)) throw new PythonParserError('INVALID_OPTIONS', `parseFragment: ${field} must be a Python identifier, got ${JSON.stringify(name)}`);
  return name;
}

export function buildWrapper(fragment: string, opts: FragmentOptions = {}): BuiltWrapper {
  const lines = fragment.split('\n');
  const lineStarts = lineStartsOf(fragment);
  const usesTabs = lines.some((line) => leadingWhitespace(line).includes('\t'));
  const unit = usesTabs ? '\t' : '    ';
  const bodyIndented = (firstCodeIndent(lines) ?? '') !== '';
  const methodName = checkedName(opts.methodName, '__fragment__', 'methodName');
  const header: string[] = [];
  let defIndent = '';
  if (opts.className !== undefined) {
    header.push(`class ${checkedName(opts.className, '', 'className')}:`);
    defIndent = unit;
  }
  header.push(`${defIndent}${opts.isAsync === false ? '' : 'async '}def ${methodName}(self):`);
  // The body must sit deeper than the def: add the def's indent, plus a unit if it is not indented.
  const indent = defIndent + (bodyIndented ? '' : unit);
  const body = indent === '' ? fragment : lines.map((line) => indent + line).join('\n');
  const source = `${header.join('\n')}\n${body}`;
  const prefixLines = header.length;
  return {
    prefixLines,
    indent,
    source,
    mapPosition: wrapperPositions(prefixLines, indent),
    bodyStartLine: prefixLines + 1,
    bodyEndLine: prefixLines + lines.length,
    lineStarts,
    target: fragment,
  };
}

/**
 * A wrapper's mapping from wrapped positions to the fragment's own: it drops the header lines and the
 * indentation added in front of every line. Rebuilt from those two alone where a wrapper crossed a
 * thread boundary (a function does not travel in a message).
 */
export function wrapperPositions(prefixLines: number, indent: string): FragmentWrapper['mapPosition'] {
  return (line, column) => {
    const fragmentLine = line - prefixLines;
    if (fragmentLine < 1) return null;
    return { line: fragmentLine, column: Math.max(1, column - indent.length) };
  };
}

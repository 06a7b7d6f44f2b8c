// Turning arbitrary text into safe pieces of Python source. Everything a template inserts goes
// through one of these, so no reason, docstring or name can break out of its literal or comment.

const PYTHON_KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield').split(' '),
);

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PYTHON_KEYWORDS.has(name);
}

/**
 * A double-quoted Python str literal. JSON string syntax is a subset of Python's (\" \\ \n \t
 * \uXXXX ...), so JSON.stringify gives a literal Python reads back to the same text.
 */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** One line of plain text for a `#` comment: no line breaks, no control characters, cut to `max`. */
export function commentText(text: string, max = 160): string {
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** One line for the inside of a `"""…"""` docstring: quotes and backslashes escaped. */
export function docstringLine(text: string, max = 160): string {
  return commentText(text, max).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

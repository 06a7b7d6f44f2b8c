// Turning arbitrary text into safe pieces of Python source. Everything a template inserts goes
// through one of these, so no reason, docstring or name can break out of its literal or comment.

/** One line of plain text for a `#` comment: no line breaks, no control characters, cut to `max`. */
export function commentText(text: string, max = 160): string {
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** One line for the inside of a `"""…"""` docstring: quotes and backslashes escaped. */
export function docstringLine(text: string, max = 160): string {
  return commentText(text, max).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

// The parameter names of a `def` line, so a spec example's `given` can be checked against the
// method it calls. Splits the parameter list at commas outside brackets and strings; a signature
// this cannot read gives undefined (the example is then checked when it runs, not here).

export function signatureParams(signature: string): string[] | undefined {
  const open = signature.indexOf('(');
  if (open < 0) return undefined;
  const params: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (let i = open + 1; i < signature.length; i++) {
    const c = signature[i]!;
    if (quote) {
      if (c === quote && signature[i - 1] !== '\\') quote = '';
      current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
      current += c;
    } else if ((c === ')' || c === ']' || c === '}') && depth > 0) {
      depth--;
      current += c;
    } else if (depth === 0 && (c === ',' || c === ')')) {
      params.push(current);
      current = '';
      if (c === ')') {
        return params
          .map((p) => /^\s*\**\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(p)?.[1])
          .filter((name): name is string => name !== undefined && name !== 'self' && name !== 'cls');
      }
    } else current += c;
  }
  return undefined;
}

// PEP 263: the encoding a Python source declares in a comment on its first or second line, matched
// with the PEP's own expression. The second line counts only when the first is a comment or blank.
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

export function declaredEncoding(bytes: Uint8Array): string | undefined {
  // the declaration is ASCII: reading the first lines as Latin-1 never fails
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const [first = '', second = ''] = head.split(/\r?\n|\r/, 2);
  const onFirst = CODING.exec(first);
  if (onFirst) return onFirst[1];
  if (/^[ \t\f]*(?:#.*)?$/.test(first)) return CODING.exec(second)?.[1];
  return undefined;
}

// Proves that a filled file differs from its original only inside the stubs' replaced ranges and
// by import lines added to the import block.
import { expect } from '@jest/globals';
import { loadPythonParser } from '@onexgen/response-validator';
import { findStubs } from '@onexgen/node-source';

export async function expectOnlyStubsChanged(original: string, filled: string): Promise<void> {
  const parser = await loadPythonParser();
  expect(parser.parse(filled).syntaxValid).toBe(true);
  const originalLines = new Set(original.split('\n'));
  // drop the import lines the injector added (top-level `import`/`from` lines the original lacks)
  const rest = filled
    .split('\n')
    .filter((l) => !(/^(import|from) /.test(l) && !originalLines.has(l)))
    .join('\n');
  const stubs = findStubs(parser, parser.parse(original)).sort((a, b) => a.replaceStart - b.replaceStart);
  expect(stubs.length).toBeGreaterThan(0);
  let cursor = 0;
  let at = 0;
  for (const s of stubs) {
    const piece = original.slice(cursor, s.replaceStart);
    expect(rest.slice(at, at + piece.length)).toBe(piece);
    // the replaced body ends where the original text after the stub resumes
    at = rest.indexOf(original.slice(s.replaceEnd, s.replaceEnd + 60), at + piece.length);
    expect(at).toBeGreaterThan(0);
    cursor = s.replaceEnd;
  }
  expect(rest.slice(at)).toBe(original.slice(cursor));
}

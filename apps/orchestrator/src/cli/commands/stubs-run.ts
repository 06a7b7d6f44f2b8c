// What `onexgen stubs` runs (loaded when the command runs, not at start-up).
import { findStubs, stubToJson } from '../../stubs/find-stubs.js';
import type { CliIO } from '../io.js';
import { parseNodeFile } from './node-file.js';

export async function runStubs(io: CliIO, file: string, opts: { json?: boolean }): Promise<void> {
  const stubs = findStubs(await parseNodeFile(file));
  if (opts.json) {
    io.stdout(`${JSON.stringify(stubs.map(stubToJson), null, 2)}\n`);
    return;
  }
  for (const s of stubs) {
    const name = s.className ? `${s.className}.${s.method}` : s.method;
    io.stdout(`${file}:${s.signatureLine}  ${name}${s.isAsync ? ' (async)' : ''}  [${s.marker}]  body lines ${s.bodyStartLine}-${s.bodyEndLine}\n`);
  }
  io.stdout(`${stubs.length} stub${stubs.length === 1 ? '' : 's'} in ${file}\n`);
}

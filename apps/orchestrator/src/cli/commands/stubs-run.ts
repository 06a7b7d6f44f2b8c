// What `onexgen stubs` runs (loaded when the command runs, not at start-up).
import { stubToJson } from '@onexgen/node-source';
import { fileFactsAsync, validFacts } from '@onexgen/pipeline/node-files';
import { loadPythonParser } from '@onexgen/response-validator';
import type { CliIO } from '../io.js';
import { maxBytesOption, readNodeFile } from './node-file.js';

export interface StubsOptions {
  json?: boolean;
  includeUncertain?: boolean;
  maxFileBytes?: string;
}

export async function runStubs(io: CliIO, file: string, opts: StubsOptions): Promise<void> {
  const source = await readNodeFile(file, maxBytesOption(opts.maxFileBytes));
  const parser = await loadPythonParser();
  // a large file is parsed off this thread, so Ctrl-C / SIGTERM stop the listing at once
  const facts = validFacts(file, await fileFactsAsync(parser, source.text, { includeUncertain: true, ...(io.signal ? { signal: io.signal } : {}) }), source.path);
  const all = facts.stubs;
  const shown = opts.includeUncertain ? all : all.filter((s) => s.kind === 'stub');
  if (opts.json) {
    io.stdout(`${JSON.stringify(shown.map(stubToJson), null, 2)}\n`);
    return;
  }
  for (const s of shown) {
    const name = s.className ? `${s.className}.${s.method}` : s.method;
    const kind = s.kind === 'uncertain' ? `  uncertain: ${s.reason}` : '';
    io.stdout(`${file}:${s.signatureLine}  ${name}${s.isAsync ? ' (async)' : ''}  [${s.marker}]  body lines ${s.bodyStartLine}-${s.bodyEndLine}${kind}\n`);
  }
  const sure = all.filter((s) => s.kind === 'stub').length;
  const uncertain = all.length - sure;
  const more = uncertain === 0 ? '' : opts.includeUncertain ? `, ${uncertain} uncertain` : ` (${uncertain} uncertain not listed: --include-uncertain)`;
  io.stdout(`${sure} stub${sure === 1 ? '' : 's'} in ${file}${more}\n`);
}

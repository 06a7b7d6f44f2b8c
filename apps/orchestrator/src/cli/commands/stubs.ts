// `onexgen stubs <node.py>`: list the stubs the pipeline would fill (and, when asked, the uncertain ones).
import type { Command } from 'commander';
import { findStubs, readNodeSource, stubToJson, type NodeSource } from '@onexgen/node-source';
import { loadPythonParser, type ParsedModule } from '@onexgen/response-validator';
import { fromNodeSource, OnexgenError } from '../../errors.js';
import type { CliIO } from '../io.js';

/** Reads a node file byte-exactly (encoding, BOM, mode); a file it cannot round-trip is refused (exit 2). */
export async function readNodeFile(file: string, maxBytes?: number): Promise<NodeSource> {
  try {
    return await readNodeSource(file, maxBytes === undefined ? {} : { maxBytes });
  } catch (err) {
    throw fromNodeSource(err);
  }
}

export function parsedNodeFile(file: string, source: NodeSource, module: ParsedModule): ParsedModule {
  if (!module.syntaxValid) {
    const e = module.syntaxErrors[0];
    throw new OnexgenError('NODE_FILE_INVALID', `${file}:${e?.line ?? '?'}: not valid Python: ${e?.message ?? 'syntax error'}`, { where: source.path });
  }
  return module;
}

export function maxBytesOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new OnexgenError('USAGE', `--max-file-bytes: must be a positive integer, got "${value}"`);
  return n;
}

export function registerStubs(program: Command, io: CliIO): void {
  program
    .command('stubs')
    .description('list the stub methods of a node file')
    .argument('<node.py>', 'Python node file')
    .option('--json', 'print JSON')
    .option('--include-uncertain', 'also list methods whose evidence is mixed (and why)')
    .option('--max-file-bytes <n>', 'refuse larger node files (default 2 MiB)')
    .action(async (file: string, opts: { json?: boolean; includeUncertain?: boolean; maxFileBytes?: string }) => {
      const source = await readNodeFile(file, maxBytesOption(opts.maxFileBytes));
      const parser = await loadPythonParser();
      const module = parsedNodeFile(file, source, parser.parse(source.text));
      const all = findStubs(parser, module, { includeUncertain: true });
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
    });
}

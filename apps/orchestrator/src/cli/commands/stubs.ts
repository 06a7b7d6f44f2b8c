// `onexgen stubs <node.py>`: list the stubs the pipeline would fill.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadPythonParser, type ParsedModule } from '@onexgen/response-validator';
import { OnexgenError } from '../../errors.js';
import { findStubs, stubToJson } from '../../stubs/find-stubs.js';
import type { CliIO } from '../io.js';

export async function readNodeFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new OnexgenError('NODE_FILE_INVALID', `${file}: cannot read the node file (${(cause as Error).message})`, { cause, where: file });
  }
}

export async function parseNodeFile(file: string): Promise<ParsedModule> {
  const source = await readNodeFile(file);
  const module = (await loadPythonParser()).parse(source);
  if (!module.syntaxValid) {
    const e = module.syntaxErrors[0];
    throw new OnexgenError('NODE_FILE_INVALID', `${file}:${e?.line ?? '?'}: not valid Python: ${e?.message ?? 'syntax error'}`, { where: file });
  }
  return module;
}

export function registerStubs(program: Command, io: CliIO): void {
  program
    .command('stubs')
    .description('list the stub methods of a node file')
    .argument('<node.py>', 'Python node file')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
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
    });
}

// Reading and parsing a node file a command was given; errors name the file (and the line).
import { readFile } from 'node:fs/promises';
import { loadPythonParser, type ParsedModule } from '@onexgen/response-validator';
import { OnexgenError } from '../../errors.js';

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

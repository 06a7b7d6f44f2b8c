// What `onexgen explain` runs (loaded when the command runs, not at start-up).
import { resolve } from 'node:path';
import { explainContext, patternSourceFromCatalog } from '@onexgen/context-builder';
import { loadPatternCatalog } from '@onexgen/pattern-library';
import { loadPythonParser } from '@onexgen/response-validator';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { buildMethodContext, fileInputAsync, loadReferenceIndex, methodConfig, methodInfo, specInput, type NodeInput } from '@onexgen/pipeline';
import { loadSpecFile } from '../../spec/load-spec.js';
import { specBesideNode } from '../../spec/contract-spec.js';
import type { CliIO } from '../io.js';
import { configFor } from '../run-pipeline.js';
import { readNodeFile } from './node-file.js';
import { freeEncodersAtExit } from '../free-encoders.js';

export interface ExplainOptions {
  method?: string;
  references?: string[];
  spec?: string;
  model?: string;
  config?: string;
  json?: boolean;
}

export async function runExplain(io: CliIO, input: string, opts: ExplainOptions): Promise<void> {
  freeEncodersAtExit(); // this command counts tokens
  const loaded = configFor(io, {
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.model ? { model: opts.model } : {}),
    ...(opts.references ? { references: opts.references } : {}),
  });
  const parser = await loadPythonParser();
  const path = resolve(io.cwd, input);
  let target: NodeInput;
  if (input.endsWith('.py')) {
    const spec = opts.spec ? await loadSpecFile(resolve(io.cwd, opts.spec)) : (await specBesideNode(path))?.spec;
    target = await fileInputAsync(parser, input, (await readNodeFile(path)).text, spec, io.signal ? { signal: io.signal } : {});
  } else {
    target = specInput(parser, input, await loadSpecFile(path));
  }
  const stub = opts.method ? target.stubs.find((s) => s.method === opts.method) : target.stubs[0];
  if (!stub) {
    const names = target.stubs.map((s) => s.method).join(', ') || 'none';
    throw new OnexgenError('USAGE', `${input}: ${opts.method ? `no stub method "${opts.method}"` : 'no stubs'} (stubs: ${names})`);
  }
  const catalog = await loadPatternCatalog();
  const info = methodInfo(target.node, stub, methodConfig(loaded.config, target.node.spec.overrides?.[stub.method]));
  const references = loadReferenceIndex(loaded.config.references, parser, io.cwd);
  const built = buildMethodContext({ patterns: patternSourceFromCatalog(catalog), parser, ...(references ? { references } : {}) }, target.node, info);
  io.stdout(opts.json ? `${JSON.stringify(built.toJSON(), null, 2)}\n` : `${explainContext(built)}\n`);
}

// An eval suite: a directory of spec files (its *.yaml / *.yml / *.json, not recursive) or spec
// files given one by one. Every spec is loaded and checked before anything runs; a suite without
// a single method example is refused (pass@ would have nothing to count).
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { examplesOf, type NodeSpec } from '@onexgen/onex';
import type { EvalCase } from '@onexgen/eval';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { loadSpecs } from '../cli/commands/generate-run.js';
import type { CliIO } from '../cli/io.js';

const SPEC_FILE = /\.(ya?ml|json)$/i;

export interface SuiteCase extends EvalCase<NodeSpec> {
  file: string;
}

function filesOf(io: CliIO, inputs: readonly string[]): string[] {
  return inputs.flatMap((input) => {
    const path = resolve(io.cwd, input);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new OnexgenError('SPEC_NOT_FOUND', `eval: ${input}: no such file or directory`);
    }
    if (!isDir) return [path];
    const specs = readdirSync(path).filter((f) => SPEC_FILE.test(f)).sort().map((f) => join(path, f));
    if (specs.length === 0) throw new OnexgenError('USAGE', `eval: ${input} holds no spec files (*.yaml, *.yml, *.json)`);
    return specs;
  });
}

export function methodNamesOf(spec: NodeSpec): string[] {
  return [...spec.operations.map((o) => o.name), ...(spec.methods ?? []).map((m) => m.name)];
}

export async function loadSuite(io: CliIO, inputs: readonly string[]): Promise<SuiteCase[]> {
  const files = filesOf(io, inputs);
  const loaded = await loadSpecs(io, files);
  const cases = loaded.map(({ file, spec }) => ({ name: relative(io.cwd, file) || file, file, spec }));
  const examples = cases.reduce((n, c) => n + methodNamesOf(c.spec).filter((m) => examplesOf(c.spec, m).length > 0).length, 0);
  if (examples === 0) throw new OnexgenError('USAGE', 'eval: no spec of the suite gives `examples` for a method; pass@k needs them');
  return cases;
}

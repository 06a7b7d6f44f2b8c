// `onexgen-validate api-index SRC_DIR --package NAME --out FILE.json`: builds the API index of a
// Python package from its sources (this package's parser; no Python needed). The file is written
// only once the whole index is built (to a temporary name, then renamed): nothing half written.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './run-cli.js';

interface Flags {
  package: string;
  out: string;
  source?: string;
  compact?: boolean;
}

export async function runApiIndexCommand(argv: string[], io: CliIo): Promise<number> {
  const cmd = new Command('onexgen-validate api-index')
    .description('Index the public API of a Python package (modules, functions, classes, enums, re-exports, lazy names) for the api/* rules')
    .argument('<src-dir>', 'the package folder, or a folder holding it (site-packages, a source checkout, its src/)')
    .requiredOption('--package <name>', 'import name of the package, e.g. omnibase_core')
    .requiredOption('--out <file>', 'index file to write (.json, or .json.gz for gzip)')
    .option('--source <text>', 'where the sources came from (stored in the index, shown in messages), e.g. "omnibase_core 0.3.1"')
    .option('--compact', 'keep only what the rules read (no return annotations, no decorators that do not change calls)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  let flags: Flags;
  let srcDir: string;
  try {
    cmd.parse(argv, { from: 'user' });
    flags = cmd.opts<Flags>();
    srcDir = cmd.args[0]!;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  try {
    const [{ loadPythonParser }, { buildApiIndex }, { compactApiIndex }] = await Promise.all([
      import('../parser/load-parser.js'),
      import('../api-index/build-index.js'),
      import('../api-index/compact.js'),
    ]);
    const started = performance.now();
    const parser = await loadPythonParser();
    const { index, skipped } = buildApiIndex(path.resolve(io.cwd, srcDir), { packageName: flags.package, parser, ...(flags.source ? { source: flags.source } : {}) });
    const data = flags.compact ? compactApiIndex(index) : index;
    const json = JSON.stringify(data, null, flags.compact ? undefined : 1) + '\n';
    const bytes = flags.out.endsWith('.gz') ? gzipSync(json) : Buffer.from(json);
    const out = path.resolve(io.cwd, flags.out);
    const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
    try {
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, out);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    // skipped files named the way the folder was given (relative stays relative to the working directory)
    const shown = (file: string) => (path.isAbsolute(srcDir) ? file : path.relative(io.cwd, file));
    for (const s of skipped) io.stderr(`onexgen-validate api-index: skipped ${shown(s.file)}: ${s.reason}\n`);
    const modules = Object.values(index.modules);
    const classes = modules.reduce((n, m) => n + Object.keys(m.classes ?? {}).length, 0);
    const functions = modules.reduce((n, m) => n + Object.keys(m.functions ?? {}).length, 0);
    io.stdout(
      `${flags.out}: ${modules.length} modules, ${classes} classes, ${functions} functions, ${bytes.length} bytes` +
        ` (${skipped.length} files skipped, ${Math.round(performance.now() - started)} ms)\n`,
    );
    return 0;
  } catch (err) {
    io.stderr(`onexgen-validate api-index: ${(err as Error).message}\n`);
    return 2;
  }
}

// What `onexgen config …` runs (loaded when the command runs, not at start-up).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { writeFileAtomic } from '@onexgen/node-source';
import { stringify } from 'yaml';
import { loadConfig } from '../../config/load-config.js';
import { checkImport, effectiveValues, exportLayer, type EffectiveValue } from '../../config/portable.js';
import { OnexgenError } from '../../errors.js';
import type { CliIO } from '../io.js';

export interface ConfigOptions {
  effective?: boolean;
  config?: string;
  json?: boolean;
  out?: string;
  user?: boolean;
  force?: boolean;
}

const PROJECT_FILES = ['onexgen.config.yaml', 'onexgen.config.yml', 'onexgen.config.json'];

function load(io: CliIO, opts: ConfigOptions) {
  return loadConfig({ cwd: io.cwd, env: io.env, ...(opts.config ? { configFile: opts.config } : {}) });
}

function userFile(env: CliIO['env']): string {
  return join(env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'), 'onexgen', 'config.yaml');
}

function line(v: EffectiveValue): string {
  const value = typeof v.value === 'object' ? JSON.stringify(v.value) : String(v.value);
  return `${v.key.padEnd(18)} ${value.padEnd(36)} ${v.layer}${v.file ? ` (${v.file})` : ''}`;
}

export function runConfigShow(io: CliIO, opts: ConfigOptions): void {
  const loaded = load(io, opts);
  const all = effectiveValues(loaded);
  const shown = opts.effective ? all : all.filter((v) => v.layer === 'user' || v.layer === 'project' || v.layer === 'files');
  if (opts.json) return void io.stdout(`${JSON.stringify({ files: loaded.files, values: shown }, null, 2)}\n`);
  if (!opts.effective && loaded.files.length === 0) return void io.stdout('no configuration file (see `onexgen config show --effective` for the values in effect)\n');
  for (const v of shown) io.stdout(`${line(v)}\n`);
}

export async function runConfigExport(io: CliIO, opts: ConfigOptions): Promise<void> {
  const { yaml, notes } = exportLayer(load(io, opts));
  for (const n of notes) io.stderr(`note: ${n}\n`);
  if (!opts.out) return void io.stdout(yaml);
  const file = resolve(io.cwd, opts.out);
  await writeFileAtomic(file, yaml);
  io.stdout(`wrote ${file}\n`);
}

export async function runConfigImport(io: CliIO, file: string, opts: ConfigOptions): Promise<void> {
  const source = resolve(io.cwd, file);
  if (!existsSync(source)) throw new OnexgenError('USAGE', `${file}: no such file`, { where: file });
  const layer = checkImport(source);
  const target = opts.user ? userFile(io.env) : join(io.cwd, 'onexgen.config.yaml');
  const existing = opts.user ? (existsSync(target) ? [target] : []) : PROJECT_FILES.map((f) => join(io.cwd, f)).filter((f) => existsSync(f));
  const other = existing.find((f) => f !== target);
  if (other) throw new OnexgenError('USAGE', `${other} exists and would still be read instead of ${target}: remove it first`, { where: other });
  if (existing.length > 0 && !opts.force) throw new OnexgenError('USAGE', `${target} exists: give --force to replace it`, { where: target });
  await mkdir(dirname(target), { recursive: true });
  await writeFileAtomic(target, `# imported from ${source}\n${stringify(layer)}`);
  io.stdout(`imported ${source} → ${target} (${Object.keys(layer).length} value(s))\n`);
}

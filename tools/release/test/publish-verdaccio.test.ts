// The release as a user meets it: nx release versions and publishes every package to a real
// registry (verdaccio on 127.0.0.1, temp storage), then empty projects install single packages from
// it. Slow (a few minutes): runs in CI (CI=true) and locally with ONEXGEN_PUBLISH_TEST=1.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalRegistry } from '../src/local-registry.mjs';
import { tagFirstRelease } from '../src/first-release.mjs';
import { dependentsOf as dependentsOfIn, releasedProjects } from '../src/released-projects.mjs';
import { copyWorkspace, GIT_IDENTITY } from '../src/workspace-copy.mjs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ENABLED = process.env.CI === 'true' || process.env.ONEXGEN_PUBLISH_TEST === '1';
const NX = join(ROOT, 'node_modules/nx/dist/bin/nx.js');

/** The projects nx release publishes (nx.json release.projects: packages/*, apps/*). */
const RELEASED = releasedProjects(ROOT);
const dependentsOf = (name: string) => dependentsOfIn(RELEASED, name);

type Run = { status: number | null; stdout: string; stderr: string };
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const { DATABASE_URL: _db, ...inherited } = process.env;
  const r = spawnSync(cmd, args, { cwd, env: { ...inherited, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function ok(r: Run, what: string): string {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
  return r.stdout;
}

(ENABLED ? describe : describe.skip)('nx release → verdaccio → npm install in empty projects', () => {
  let registry: Awaited<ReturnType<typeof startLocalRegistry>>;
  let copy: ReturnType<typeof copyWorkspace>;
  const view = (spec: string, field: string) =>
    JSON.parse(ok(run('npm', ['view', spec, field, '--json', '--registry', registry.url], ROOT), `npm view ${spec}`));

  /** An empty project that installs `specs` from the local registry only. */
  function consumer(name: string, specs: string[]): string {
    const dir = join(copy.dir, '..', `consumer-${name}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true }));
    writeFileSync(join(dir, '.npmrc'), `registry=${registry.url}\n`);
    ok(run('npm', ['install', '--no-audit', '--no-fund', ...specs], dir), `npm install ${specs.join(' ')}`);
    return dir;
  }

  beforeAll(async () => {
    registry = await startLocalRegistry();
    copy = copyWorkspace(ROOT, RELEASED.map((p) => p.dir));
    const env = { npm_config_userconfig: registry.userconfig, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', ...GIT_IDENTITY };
    const nx = (args: string[]) => ok(run(process.execPath, [NX, ...args, '--verbose'], copy.dir, env), `nx ${args.join(' ')}`);
    // first release, as CONTRIBUTING.md says: every package tagged at the version on disk, published
    tagFirstRelease(copy.dir);
    nx(['release', 'publish', '--registry', registry.url, '--excludeTaskDependencies']);
    // one conventional commit in one package, then a release: version + changelog + commit + tags
    appendFileSync(join(copy.dir, 'packages/response-validator/README.md'), '\n<!-- release test -->\n');
    execFileSync('git', ['commit', '--quiet', '-am', 'fix(response-validator): say what the release test changed'], { cwd: copy.dir, env: { ...process.env, ...GIT_IDENTITY } });
    nx(['release', '--skip-publish']);
    nx(['release', 'publish', '--registry', registry.url, '--excludeTaskDependencies']);
  }, 1_500_000); // 80 s for the whole file on a quiet machine, up to 1058 s under a load average of ~40 (tools/release/README.md)

  afterAll(() => {
    registry?.stop();
    copy?.remove();
  });

  it('publishes every package; only the changed one and its dependents get a new version', () => {
    const bumped = dependentsOf('@onexgen/response-validator');
    expect(bumped).toEqual(expect.arrayContaining(['@onexgen/response-validator', '@onexgen/context-builder', 'onexgen']));
    expect(bumped.length).toBeLessThan(RELEASED.length);
    for (const { manifest } of RELEASED) {
      const versions = [view(manifest.name, 'versions')].flat();
      expect({ name: manifest.name, versions }).toEqual({ name: manifest.name, versions: bumped.includes(manifest.name) ? ['0.1.0', '0.1.1'] : ['0.1.0'] });
    }
    // internal dependencies are ranges, moved together with the versions
    const cli = view('onexgen@0.1.1', 'dependencies');
    expect(cli['@onexgen/response-validator']).toBe('^0.1.1');
    expect(cli['@onexgen/context-builder']).toBe('^0.1.1');
    expect(cli['@onexgen/onex']).toBe('^0.1.0');
  });

  it('writes a CHANGELOG per package, tags per package and the lockfile with the new versions', () => {
    const changelog = readFileSync(join(copy.dir, 'packages/response-validator/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('0.1.1');
    expect(changelog).toContain('say what the release test changed');
    expect(existsSync(join(copy.dir, 'packages/onex/CHANGELOG.md'))).toBe(false);
    const tags = execFileSync('git', ['tag', '--list'], { cwd: copy.dir, encoding: 'utf8' }).split('\n');
    expect(tags).toEqual(expect.arrayContaining(['@onexgen/response-validator@0.1.1', 'onexgen@0.1.1', '@onexgen/pipeline@0.1.1', '@onexgen/onex@0.1.0']));
    expect(tags).not.toContain('@onexgen/onex@0.1.1');
    const lock = JSON.parse(readFileSync(join(copy.dir, 'package-lock.json'), 'utf8'));
    expect(lock.packages['packages/response-validator'].version).toBe('0.1.1');
    expect(lock.packages['apps/orchestrator'].dependencies['@onexgen/response-validator']).toBe('^0.1.1');
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: copy.dir, encoding: 'utf8' }).trim()).toBe('');
  });

  it('the validator alone: its bin on a file, ESM import and CJS require', () => {
    const dir = consumer('validator', ['@onexgen/response-validator']);
    writeFileSync(join(dir, 'good.py'), 'def add(a: int, b: int) -> int:\n    return a + b\n');
    writeFileSync(join(dir, 'bad.py'), 'def add(a, b:\n    return a + b\n');
    ok(run('npx', ['--no-install', 'onexgen-validate', '--profile', 'generic-python', 'good.py'], dir), 'onexgen-validate good.py');
    const bad = run('npx', ['--no-install', 'onexgen-validate', '--profile', 'generic-python', 'bad.py'], dir);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/bad\.py.*1/);
    const script = "const v = await m.createValidator({ profile: 'generic-python' }); const r = v.validate('def f(:\\n  pass\\n'); console.log(r.syntaxValid, r.issues[0].line);";
    expect(ok(run('node', ['--input-type=module', '-e', `const m = await import('@onexgen/response-validator'); ${script}`], dir), 'ESM import').trim()).toBe('false 1');
    expect(ok(run('node', ['-e', `(async () => { const m = require('@onexgen/response-validator'); ${script} })()`], dir), 'CJS require').trim()).toBe('false 1');
  }, 600_000);

  it('llm-effect alone: ESM import and CJS require load its model catalog', () => {
    const dir = consumer('llm-effect', ['@onexgen/llm-effect']);
    const script = "const c = m.loadModelCatalog(); console.log(c.size > 0, m.microsToUsd(m.usdToMicros(1.5)));";
    expect(ok(run('node', ['--input-type=module', '-e', `const m = await import('@onexgen/llm-effect'); ${script}`], dir), 'ESM import').trim()).toBe('true 1.5');
    expect(ok(run('node', ['-e', `const m = require('@onexgen/llm-effect'); ${script}`], dir), 'CJS require').trim()).toBe('true 1.5');
    expect(existsSync(join(dir, 'node_modules/@onexgen/response-validator'))).toBe(false);
  }, 600_000);

  it('the CLI: npx onexgen --help, --version and an offline generate', () => {
    const dir = consumer('cli', ['onexgen']);
    expect(ok(run('npx', ['--no-install', 'onexgen', '--help'], dir), 'onexgen --help')).toMatch(/Usage: onexgen/);
    expect(ok(run('npx', ['--no-install', 'onexgen', '--version'], dir), 'onexgen --version').trim()).toBe('0.1.1');
    copyFileSync(join(ROOT, 'examples/specs/postgres-user-store-effect.yaml'), join(dir, 'spec.yaml'));
    // offline: the CRUD pattern fills execute_effect and each declared operation (the README's exit 0)
    const generated = run('npx', ['--no-install', 'onexgen', 'generate', 'spec.yaml', '--out', 'out', '--offline', '--db', 'memory://'], dir);
    expect({ status: generated.status, stderr: generated.stderr }).toEqual({ status: 0, stderr: '' });
    expect(generated.stdout).toMatch(/execute_effect: passed-static \(pattern/);
    expect(generated.stdout).toMatch(/create_user: passed-static \(pattern/);
    const node = readFileSync(join(dir, 'out/node_user_store_effect/node.py'), 'utf8');
    expect(node).toContain('class NodeUserStoreEffect');
    expect(node).not.toContain('IMPLEMENTATION REQUIRED');
  }, 600_000);
});

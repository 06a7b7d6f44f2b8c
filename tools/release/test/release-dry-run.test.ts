// What `nx release --dry-run` would do, asserted (part of every `npm test`, CI or not). In a copy of
// the workspace: the first release is tagged (every package at the version on disk), then one fix, one
// feature and one non-conventional commit land; the dry run must version exactly the changed packages
// and their dependents, move the dependents' ranges, preview a CHANGELOG per released package, name
// the tags — and write nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tagFirstRelease } from '../src/first-release.mjs';
import { dependentsOf, releasedProjects } from '../src/released-projects.mjs';
import { copyWorkspace, GIT_IDENTITY } from '../src/workspace-copy.mjs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const NX = join(ROOT, 'node_modules/nx/dist/bin/nx.js');
const RELEASED = releasedProjects(ROOT);
const versionOf = (name: string) => RELEASED.find((p) => p.name === name)!.version;
/** x.y.z → x.y.(z+1): a fix on any version, and a feat while the major version is 0 */
const patched = (name: string) => versionOf(name).replace(/\d+$/, (z) => String(Number(z) + 1));
const esc = (s: string) => s.replace(/[.^$*+?()[\]{}|\\/]/g, '\\$&');

describe('nx release --dry-run after the first release', () => {
  let copy: ReturnType<typeof copyWorkspace>;
  let firstTags: string[];
  let output: string;
  const git = (args: string[]) => execFileSync('git', args, { cwd: copy.dir, encoding: 'utf8', env: { ...process.env, ...GIT_IDENTITY } });
  const commit = (dir: string, message: string) => {
    appendFileSync(join(copy.dir, dir, 'README.md'), `\n<!-- ${message} -->\n`);
    git(['commit', '--quiet', '-am', message]);
  };

  beforeAll(() => {
    copy = copyWorkspace(ROOT, []);
    // the scenario starts at a first release of this commit's manifests, whatever tags the clone brought
    const tags = git(['tag', '--list']).trim();
    if (tags) git(['tag', '--delete', ...tags.split('\n')]);
    firstTags = tagFirstRelease(copy.dir);
    commit('packages/response-validator', 'fix(response-validator): a dry-run test fix');
    commit('packages/telemetry', 'feat(telemetry): a dry-run test feature');
    commit('packages/onex', 'onex: wording that is not a conventional commit');
    const env = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...GIT_IDENTITY };
    delete env.DATABASE_URL;
    // stdout and stderr into one file, so the diff of each manifest follows its UPDATE line
    const log = join(copy.dir, '..', 'nx-release-dry-run.log');
    const fd = openSync(log, 'w');
    const r = spawnSync(process.execPath, [NX, 'release', '--dry-run', '--verbose'], { cwd: copy.dir, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    output = readFileSync(log, 'utf8');
    if (r.status !== 0) throw new Error(`nx release --dry-run exited ${r.status}\n${output.slice(-6000)}`);
  }, 300_000);

  afterAll(() => copy?.remove());

  it('the first release tags every package, @onexgen/pipeline and the CLI as onexgen included, at its version on disk', () => {
    const names = RELEASED.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['@onexgen/pipeline', '@onexgen/onex', '@onexgen/response-validator', 'onexgen']));
    expect(RELEASED.find((p) => p.name === 'onexgen')?.dir).toBe('apps/orchestrator');
    // the tags sit on the commit before the three test commits, as nx release reads them
    const onFirstRelease = git(['tag', '--points-at', 'HEAD~3']).trim().split('\n').sort();
    expect(onFirstRelease).toEqual(RELEASED.map((p) => `${p.name}@${p.version}`).sort());
    expect(firstTags.sort()).toEqual(onFirstRelease);
    expect(() => tagFirstRelease(copy.dir)).toThrow(/already released/);
  });

  it('considers every released package', () => {
    const considered = [...output.matchAll(/Running release version for project: (\S+)/g)].map((m) => m[1]);
    expect([...considered].sort()).toEqual(RELEASED.map((p) => p.name).sort());
  });

  it('versions exactly the changed packages and their dependents; history before the first release counts for nothing', () => {
    const planned: Record<string, string> = {};
    for (const m of output.matchAll(/^(\S+) ✍️ +New version (\S+) written to manifest/gmu)) planned[m[1]] = m[2];
    const changed = new Set([...dependentsOf(RELEASED, '@onexgen/response-validator'), ...dependentsOf(RELEASED, '@onexgen/telemetry')]);
    const expected: Record<string, string> = {};
    // dependents get a patch; on 0.x nx shifts each bump down one step, so telemetry's feat is a patch too
    expect(versionOf('@onexgen/telemetry')).toMatch(/^0\./);
    for (const p of RELEASED) if (changed.has(p.name)) expected[p.name] = patched(p.name);
    expect(planned).toEqual(expected);
    expect(Object.keys(planned)).toEqual(expect.arrayContaining(['@onexgen/pipeline', 'onexgen']));
    expect(planned['@onexgen/onex']).toBeUndefined(); // its only commit is not conventional
  });

  it('moves the internal dependency ranges of the dependents with the versions', () => {
    // the dry run prints each manifest's diff: `+     "@onexgen/response-validator": "^0.1.1",`
    const moved = (file: string, dep: string) =>
      new RegExp(`UPDATE ${esc(file)} \\[dry-run\\](?:(?!UPDATE )[^])*?\\+ +"${esc(dep)}": "\\^${esc(patched(dep))}"`);
    expect(output).toMatch(moved('apps/orchestrator/package.json', '@onexgen/pipeline'));
    expect(output).toMatch(moved('packages/pipeline/package.json', '@onexgen/response-validator'));
    expect(output).toMatch(moved('packages/pipeline/package.json', '@onexgen/telemetry'));
  });

  it('previews a CHANGELOG per released package with the commits that released it', () => {
    const entry = (dir: string, name: string, text: string) =>
      new RegExp(`CREATE ${esc(dir)}/CHANGELOG\\.md \\[dry-run\\]\\n\\+ ## ${esc(patched(name))}(?:(?!CREATE )[^])*?${esc(text)}`);
    expect(output).toMatch(entry('packages/response-validator', '@onexgen/response-validator', 'a dry-run test fix'));
    expect(output).toMatch(entry('packages/telemetry', '@onexgen/telemetry', 'a dry-run test feature'));
    expect(output).toMatch(entry('apps/orchestrator', 'onexgen', `Updated @onexgen/pipeline to ${patched('@onexgen/pipeline')}`));
    expect(output).not.toMatch(/packages\/onex\/CHANGELOG\.md/);
  });

  it('would commit once and tag each released package <name>@<version>', () => {
    expect(output).toContain('git commit --message chore(release): publish');
    expect(output).toContain(`git tag --annotate @onexgen/response-validator@${patched('@onexgen/response-validator')} `);
    expect(output).toContain(`git tag --annotate onexgen@${patched('onexgen')} `);
    expect(output).not.toMatch(/git tag --annotate @onexgen\/onex@/);
  });

  it('writes nothing: no file, no commit, no tag', () => {
    expect(git(['status', '--porcelain']).trim()).toBe('');
    expect(git(['log', '-1', '--format=%s']).trim()).toBe('onex: wording that is not a conventional commit');
    expect(git(['tag', '--list']).trim().split('\n').sort()).toEqual([...firstTags].sort());
    const manifest = JSON.parse(readFileSync(join(copy.dir, 'packages/response-validator/package.json'), 'utf8'));
    expect(manifest.version).toBe(versionOf('@onexgen/response-validator'));
  });
});

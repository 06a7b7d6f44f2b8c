#!/usr/bin/env node
// The first release: every package at the version its package.json holds (0.1.0), whatever the
// history says. Most commits before it are not Conventional Commits ("metrics: …", "onex: …"), and
// nx release reads the history since a package's first commit when no tag exists yet, so it would
// bump some packages on accidents of wording. This marks the current commit as the first release of
// each package with the tag nx release itself would write (`<name>@<version>`, annotated); from then
// on nx release counts only the commits after those tags. Publish afterwards with
// `npx nx release publish`.
//
//   node tools/release/src/first-release.mjs [--dry-run]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { releasedProjects, releaseTag } from './released-projects.mjs';

const git = (root, args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Tags every released project at HEAD; throws (nothing tagged) when the tree is dirty or a project has release tags already. */
export function tagFirstRelease(root, { dryRun = false } = {}) {
  const dirty = git(root, ['status', '--porcelain', '--untracked-files=no']).trim();
  if (dirty) throw new Error(`first release: the working tree has uncommitted changes; commit them first:\n${dirty}`);
  const projects = releasedProjects(root);
  const released = projects.filter(({ name }) => git(root, ['tag', '--list', `${name}@*`]).trim() !== '');
  if (released.length > 0) {
    throw new Error(`first release: already released (tags exist for ${released.map((p) => p.name).join(', ')}); use nx release`);
  }
  const tags = projects.map(({ name, version }) => releaseTag(name, version));
  if (!dryRun) for (const tag of tags) git(root, ['tag', '--annotate', tag, '--message', tag]);
  return tags;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
  const root = git(process.cwd(), ['rev-parse', '--show-toplevel']).trim();
  try {
    const tags = tagFirstRelease(root, { dryRun: values['dry-run'] });
    console.log(`${values['dry-run'] ? 'would tag' : 'tagged'} ${git(root, ['rev-parse', '--short', 'HEAD']).trim()} as the first release:`);
    for (const tag of tags) console.log(`  ${tag}`);
    if (!values['dry-run']) console.log('next: git push --tags && npx nx release publish');
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

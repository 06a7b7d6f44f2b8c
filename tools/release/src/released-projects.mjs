// The projects nx release versions and publishes: nx.json `release.projects` (folder globs such as
// `packages/*`), each folder with a package.json that is not private. One list for the first-release
// tagging and the release tests, so they cannot disagree with nx.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** [{ dir: 'packages/onex', name: '@onexgen/onex', version: '0.1.0', manifest }] in folder order. */
export function releasedProjects(root) {
  const patterns = JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')).release?.projects ?? [];
  return patterns.flatMap((pattern) => {
    const base = /^([\w.-]+(?:\/[\w.-]+)*)\/\*$/.exec(pattern)?.[1];
    if (!base) throw new Error(`nx.json release.projects: "${pattern}" is not a "<folder>/*" pattern, the only form this script reads`);
    return readdirSync(join(root, base))
      .sort()
      .map((d) => `${base}/${d}`)
      .filter((dir) => existsSync(join(root, dir, 'package.json')))
      .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
      .filter(({ manifest }) => !manifest.private)
      .map(({ dir, manifest }) => ({ dir, name: manifest.name, version: manifest.version, manifest }));
  });
}

/** The tag nx release gives a version of a project (nx.json release.releaseTag.pattern). */
export function releaseTag(name, version) {
  return `${name}@${version}`;
}

/** `name` and every released project that depends on it, directly or through others (package names). */
export function dependentsOf(projects, name) {
  const out = new Set([name]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { manifest } of projects) {
      const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
      if (!out.has(manifest.name) && deps.some((d) => out.has(d))) grew = out.add(manifest.name).size > 0;
    }
  }
  return [...out];
}

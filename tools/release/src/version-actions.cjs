// nx release version actions for npm packages. nx core defaults to @nx/js's implementation, but the
// @nx/* plugins on the registry lag at 23.x and must match nx core (24.0.6), so this file gives nx
// release what @nx/js would: the version in package.json, the internal dependency ranges, the
// registry's current version. Referenced from nx.json (release.version.versionActions).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { VersionActions } = require('nx/release');

const COLLECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

function readJson(tree, path) {
  return JSON.parse(tree.read(path, 'utf-8'));
}

function packageNameOf(projectGraph, projectName) {
  const node = projectGraph.nodes[projectName];
  return node?.data?.metadata?.js?.packageName ?? projectName;
}

class NpmPackageVersionActions extends VersionActions {
  validManifestFilenames = ['package.json'];

  manifestPath() {
    return join(this.projectGraphNode.data.root, 'package.json');
  }

  async readCurrentVersionFromSourceManifest(tree) {
    const path = this.manifestPath();
    return { currentVersion: readJson(tree, path).version, manifestPath: path };
  }

  async readCurrentVersionFromRegistry(tree, metadata) {
    const name = readJson(tree, this.manifestPath()).name;
    const registry = metadata?.registry ?? process.env.npm_config_registry;
    const tag = metadata?.tag ?? 'latest';
    const args = ['view', `${name}@${tag}`, 'version', ...(registry ? ['--registry', registry] : [])];
    try {
      const version = execFileSync('npm', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      return { currentVersion: version || null, logText: `${registry ?? 'the npm registry'} (${tag})` };
    } catch {
      return { currentVersion: null, logText: `${registry ?? 'the npm registry'} (not published yet)` };
    }
  }

  async readCurrentVersionOfDependency(tree, projectGraph, dependencyProjectName) {
    const manifest = readJson(tree, this.manifestPath());
    const dependency = packageNameOf(projectGraph, dependencyProjectName);
    for (const collection of COLLECTIONS) {
      const spec = manifest[collection]?.[dependency];
      if (spec !== undefined) return { currentVersion: spec, dependencyCollection: collection };
    }
    return { currentVersion: null, dependencyCollection: null };
  }

  async updateProjectVersion(tree, newVersion) {
    const logs = [];
    for (const { manifestPath } of this.manifestsToUpdate) {
      const manifest = readJson(tree, manifestPath);
      manifest.version = newVersion;
      tree.write(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      logs.push(`✍️  New version ${newVersion} written to manifest: ${manifestPath}`);
    }
    return logs;
  }

  async updateProjectDependencies(tree, projectGraph, dependenciesToUpdate) {
    const logs = [];
    // keys are project names (nx) — map them to package names for the manifest
    const byPackage = Object.fromEntries(
      Object.entries(dependenciesToUpdate).map(([project, version]) => [packageNameOf(projectGraph, project), version]),
    );
    for (const { manifestPath } of this.manifestsToUpdate) {
      const manifest = readJson(tree, manifestPath);
      let count = 0;
      for (const collection of COLLECTIONS) {
        for (const [name, version] of Object.entries(byPackage)) {
          if (manifest[collection]?.[name] !== undefined) {
            manifest[collection][name] = version;
            count++;
          }
        }
      }
      if (count > 0) {
        tree.write(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
        logs.push(`✍️  Updated ${count} dependenc${count === 1 ? 'y' : 'ies'} in manifest: ${manifestPath}`);
      }
    }
    return logs;
  }
}

/** After every project is versioned: the workspace lockfile records the new versions and ranges. */
async function afterAllProjectsVersioned(cwd, { dryRun, verbose }) {
  if (dryRun) return { changedFiles: [], deletedFiles: [] };
  execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd,
    stdio: verbose ? 'inherit' : 'ignore',
  });
  return { changedFiles: ['package-lock.json'], deletedFiles: [] };
}

module.exports = NpmPackageVersionActions;
module.exports.default = NpmPackageVersionActions;
module.exports.afterAllProjectsVersioned = afterAllProjectsVersioned;

// The `nx-release-publish` executor that @nx/js would provide (nx core runs that target for
// `nx release publish`; @nx/js 24 is not on the registry, see tools/release/README.md): `npm publish`
// in the project's folder with the registry, dist-tag and dry-run nx release passes through.
// A version the registry already holds is skipped, so a re-run after a partial publish finishes it.
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

function npm(args, cwd, inherit) {
  return spawnSync('npm', args, { cwd, encoding: 'utf8', stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
}

async function publishExecutor(options, context) {
  const projectRoot = join(context.root, context.projectsConfigurations.projects[context.projectName].root);
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const registryArgs = options.registry ? ['--registry', options.registry] : [];
  const id = `${manifest.name}@${manifest.version}`;

  const seen = npm(['view', id, 'version', ...registryArgs], projectRoot, false);
  if (seen.status === 0 && seen.stdout.trim() === manifest.version) {
    console.log(`${id} is already on ${options.registry ?? 'the registry'}: skipped`);
    return { success: true };
  }

  const args = ['publish', ...registryArgs];
  if (options.tag) args.push('--tag', options.tag);
  if (options.access) args.push('--access', options.access);
  if (options.otp) args.push('--otp', String(options.otp));
  if (options.dryRun || process.env.NX_DRY_RUN === 'true') args.push('--dry-run');
  const published = npm(args, projectRoot, true);
  return { success: published.status === 0 };
}

module.exports = publishExecutor;
module.exports.default = publishExecutor;

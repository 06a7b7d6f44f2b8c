// A throwaway copy of the workspace for release runs that write (versions, changelogs, commits,
// tags): a git clone of HEAD plus the working tree's tracked edits, the repository's node_modules
// linked in, and each released package's built files (dist/, copied migrations, python-sandbox's
// generated runtime/stand-in …) copied over so
// nothing is rebuilt.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const git = (cwd, args, input) => execFileSync('git', args, { cwd, input, encoding: 'utf8', stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });

/** Author for the copy's commits (CI machines may have no git identity). */
export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'onexgen release test',
  GIT_AUTHOR_EMAIL: 'release-test@onexgen.invalid',
  GIT_COMMITTER_NAME: 'onexgen release test',
  GIT_COMMITTER_EMAIL: 'release-test@onexgen.invalid',
};

/** Copies `root` into a temp dir; `projectDirs` are the released projects (relative paths). */
export function copyWorkspace(root, projectDirs) {
  const base = mkdtempSync(join(tmpdir(), 'onexgen-release-'));
  const dir = join(base, 'workspace');
  git(base, ['clone', '--quiet', root, dir]);
  // no remote: nx's changelog renderer would read a GitHub user/repo out of `origin` (a local path here)
  git(dir, ['remote', 'remove', 'origin']);
  const edits = git(root, ['diff', 'HEAD', '--binary']);
  if (edits.trim()) {
    git(dir, ['apply', '--whitespace=nowarn'], edits);
    git(dir, ['add', '-A']);
    execFileSync('git', ['commit', '--quiet', '-m', 'chore: working tree of the copied workspace'], { cwd: dir, env: { ...process.env, ...GIT_IDENTITY } });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // .gitignore's `node_modules/` matches directories, not this link: keep it out of git status
  appendFileSync(join(dir, '.git/info/exclude'), '/node_modules\n');
  for (const project of projectDirs) {
    const manifest = JSON.parse(readFileSync(join(root, project, 'package.json'), 'utf8'));
    for (const entry of manifest.files ?? []) {
      const from = join(root, project, entry);
      const to = join(dir, project, entry);
      // merged in without overwriting: a shipped folder can hold both tracked files (already in the
      // clone) and built ones (python-sandbox's runtime/ holds the generated runtime/stand-in)
      if (existsSync(from)) cpSync(from, to, { recursive: true, force: false });
    }
  }
  return { dir, remove: () => rmSync(base, { recursive: true, force: true }) };
}

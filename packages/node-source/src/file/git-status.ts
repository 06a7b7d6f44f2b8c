// Whether git reports uncommitted changes in a file (`git status --porcelain -- FILE`, run in the file's
// directory). Outside a work tree, or without git on the PATH, there is nothing to protect: undefined.
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';

function git(args: string[], cwd: string): Promise<{ ok: boolean; stdout: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', timeout: 10_000 }, (err, stdout) => resolve({ ok: !err, stdout: stdout ?? '' }));
  });
}

/** The porcelain status line of a file with uncommitted changes (e.g. ' M node.py', '?? node.py'), else undefined. */
export async function uncommittedChange(path: string): Promise<string | undefined> {
  const cwd = dirname(path);
  const inside = await git(['rev-parse', '--is-inside-work-tree'], cwd);
  if (!inside.ok || inside.stdout.trim() !== 'true') return undefined;
  const status = await git(['status', '--porcelain', '--', basename(path)], cwd);
  const line = status.stdout.split('\n').find((l) => l.trim() !== '');
  return line?.trimEnd();
}

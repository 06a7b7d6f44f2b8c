// Network isolation: run the warm worker (and so every child it forks) in a fresh network
// namespace, where the only interface is a loopback that is down. Checked once per sandbox.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Isolation {
  /** Command prefix that starts a process in its own network namespace; empty when not isolated. */
  prefix: string[];
  isolated: boolean;
  /** Why not, when not. */
  reason?: string;
}

export async function detectNetworkIsolation(env: Record<string, string>): Promise<Isolation> {
  if (process.platform !== 'linux') return { prefix: [], isolated: false, reason: `network namespaces need Linux (this is ${process.platform})` };
  // As root a plain network namespace works; otherwise an unprivileged user namespace maps us to root in it.
  const isRoot = process.getuid?.() === 0;
  const attempts = isRoot ? [['unshare', '-n'], ['unshare', '-rn']] : [['unshare', '-rn']];
  const failures: string[] = [];
  for (const [command, ...args] of attempts) {
    try {
      await run(command!, [...args, '--', 'true'], { env, timeout: 5000 });
      return { prefix: [command!, ...args, '--'], isolated: true };
    } catch (error) {
      failures.push(`${[command, ...args].join(' ')}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { prefix: [], isolated: false, reason: failures.join('; ') };
}

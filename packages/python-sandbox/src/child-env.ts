// The environment a child Python gets: an allow-list of what Python needs, nothing else. API keys
// and every other variable of the parent stay out; a variable whose value holds a secret is
// dropped even when its name is on the list.
import { redactValues } from '@onexgen/onex';

/** Variables passed through from the parent when set. */
const PASS_THROUGH = ['PATH', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ'] as const;
/** What a pyenv shim needs to find its interpreter (the probe only; the worker runs the real binary). */
const PROBE_ONLY = ['HOME', 'PYENV_ROOT', 'PYENV_VERSION', 'PYENV_DIR'] as const;

function holdsSecret(value: string, secrets: readonly string[]): boolean {
  return secrets.some((s) => s.length > 0 && value.includes(s));
}

export function childEnvironment(parent: NodeJS.ProcessEnv, secrets: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {
    // Deterministic hashing (set iteration order) so an example passes or fails the same way twice.
    PYTHONHASHSEED: '0',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    PYTHONIOENCODING: 'utf-8',
    LANG: 'C.UTF-8',
  };
  for (const name of PASS_THROUGH) {
    const value = parent[name];
    if (value !== undefined && !holdsSecret(value, secrets)) env[name] = value;
  }
  return env;
}

export function probeEnvironment(parent: NodeJS.ProcessEnv, secrets: readonly string[]): Record<string, string> {
  const env = childEnvironment(parent, secrets);
  for (const name of PROBE_ONLY) {
    const value = parent[name];
    if (value !== undefined && !holdsSecret(value, secrets)) env[name] = value;
  }
  return env;
}

/** Where a secret value appears in what would be sent to the child (a file or an example), if anywhere. */
export function findSecret(
  files: Record<string, string>,
  examples: readonly unknown[],
  secrets: readonly string[],
): string | undefined {
  for (const [path, text] of Object.entries(files)) if (holdsSecret(text, secrets)) return `files['${path}']`;
  for (const [i, example] of examples.entries()) if (holdsSecret(JSON.stringify(example), secrets)) return `examples[${i}]`;
  return undefined;
}

/**
 * Replaces every secret value in what came back from the child. The child's environment never
 * holds one, but a body could read one from a file (a config, ~/.npmrc) and return or print it;
 * results go on to logs, the database and retry prompts.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const present = secrets.filter((s) => s.length > 0);
  if (present.length === 0 || value === undefined) return value;
  const json = JSON.stringify(value);
  if (!present.some((s) => json.includes(JSON.stringify(s).slice(1, -1)))) return value;
  // the values as they stand inside the JSON text (quotes and backslashes escaped)
  return JSON.parse(redactValues(json, present.map((s) => JSON.stringify(s).slice(1, -1)))) as T;
}

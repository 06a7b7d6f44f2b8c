// Secrets never reach output: every key value from the environment is masked in anything printed.
import { secretValues } from '../config/env-layer.js';

export function redactor(env: Record<string, string | undefined>): (text: string) => string {
  const secrets = secretValues(env).sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (t) => t;
  return (text) => secrets.reduce((t, s) => t.split(s).join('***'), text);
}

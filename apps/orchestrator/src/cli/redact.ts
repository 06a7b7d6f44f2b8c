// Secrets never reach output: every key value from the environment is masked in anything printed.
import { redactValues, redactionList } from '@onexgen/onex';
import { secretValues } from '../config/env-layer.js';

export function redactor(env: Record<string, string | undefined>): (text: string) => string {
  const secrets = redactionList(secretValues(env));
  if (secrets.length === 0) return (t) => t;
  return (text) => redactValues(text, secrets, '***');
}

import { words } from '../features/tokenize.js';

/**
 * English plural of a snake_case noun's last word (user -> users, category -> categories,
 * address -> addresses). Hand-written on purpose: table names only need these regular rules,
 * and a wrong guess is visible in the generated SQL and overridable with contract.table.
 */
export function pluralize(noun: string): string {
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

export function snake(text: string): string {
  return words(text).join('_');
}

export function pascal(text: string): string {
  return words(text)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** A SQL / Python identifier made from any text, or undefined when nothing usable remains. */
export function identifier(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const id = snake(text);
  return /^[a-z_][a-z0-9_]*$/.test(id) ? id : undefined;
}

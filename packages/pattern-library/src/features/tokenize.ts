// Splits identifiers and free text into lower-case words: snake_case, kebab-case, camelCase,
// PascalCase and prose all become the same word list, so "resetPassword", "reset_password" and
// "Reset password" each yield ['reset', 'password'] and whole-word matching is trivial.

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])|([A-Z]+)([A-Z][a-z])/g;
const NON_WORD = /[^a-z0-9]+/;

export function words(text: string): string[] {
  const spaced = text.replace(CAMEL_BOUNDARY, (_m, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`));
  return spaced.toLowerCase().split(NON_WORD).filter((w) => w.length > 0);
}

/** Drops "(…)" remarks such as "(10-50 connections)" that qualify rather than name a feature. */
export function stripRemarks(text: string): string {
  return text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
}

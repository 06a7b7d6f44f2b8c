// Python words and literals: identifiers, keywords, case conversion, and text made safe to place
// inside a Python string or docstring. Everything a generator inserts into Python goes through these.
import { pascalCase as toPascalCase, snakeCase as toSnakeCase } from 'change-case';
import { z } from 'zod';

/** Python 3's reserved words (`keyword.kwlist`): a name spelled like one does not parse. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally ' +
    'for from global if import in is lambda nonlocal not or pass raise return try while with yield').split(' '),
);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An ASCII Python identifier that is not a keyword. */
export function isPythonIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !PYTHON_KEYWORDS.has(name);
}

/** zod: an identifier a method or parameter may be named, with a message per failure. */
export const pythonIdentifierSchema = z
  .string()
  .regex(IDENTIFIER, 'must be a Python identifier (letters, digits, underscores)')
  .refine((s) => !PYTHON_KEYWORDS.has(s), { message: 'is a Python keyword' });

/** "mysql adapter", "mysql-adapter", "MysqlAdapter" → "MysqlAdapter" */
export function pascalCase(name: string): string {
  return toPascalCase(name, { mergeAmbiguousCharacters: true });
}

/** "mysql adapter", "MysqlAdapter" → "mysql_adapter" */
export function snakeCase(name: string): string {
  return toSnakeCase(name);
}

/** `Node<Name><Type>`, without doubling a type the name already ends with (mysql_effect → NodeMysqlEffect). */
export function nodeClassName(serviceName: string, typeTitle: string): string {
  let base = pascalCase(serviceName);
  if (base.startsWith('Node') && base.length > 4) base = base.slice(4);
  if (base.endsWith(typeTitle) && base.length > typeTitle.length) base = base.slice(0, -typeTitle.length);
  return `Node${base}${typeTitle}`;
}

/**
 * A double-quoted Python str literal. JSON string syntax is a subset of Python's (\" \\ \n \t
 * \uXXXX ...), so JSON.stringify gives a literal Python reads back to the same text (and a valid
 * YAML scalar).
 */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** A text as the inside of a Python triple-quoted string, continuation lines indented by `indent`. */
export function pythonDocText(text: string, indent: string): string {
  return text
    .trim()
    .replace(/\\/g, '\\\\')
    .replace(/"""/g, '\\"\\"\\"')
    .split('\n')
    .map((line, i) => (i === 0 || line.trim() === '' ? line.trimEnd() : indent + line.trim()))
    .join('\n');
}

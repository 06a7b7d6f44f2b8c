// Names the skeleton derives from a spec's service name ("mysql adapter", "mysql-adapter", "MysqlAdapter").

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function pascalCase(name: string): string {
  return words(name)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

export function snakeCase(name: string): string {
  return words(name).join('_');
}

/** `Node<Name><Type>`, without doubling a type the name already ends with (mysql_effect → NodeMysqlEffect). */
export function nodeClassName(serviceName: string, typeTitle: string): string {
  let base = pascalCase(serviceName);
  if (base.startsWith('Node') && base.length > 4) base = base.slice(4);
  if (base.endsWith(typeTitle) && base.length > typeTitle.length) base = base.slice(0, -typeTitle.length);
  return `Node${base}${typeTitle}`;
}

/** A text as the inside of a Python triple-quoted string. */
export function pythonDocText(text: string, indent: string): string {
  return text
    .trim()
    .replace(/\\/g, '\\\\')
    .replace(/"""/g, '\\"\\"\\"')
    .split('\n')
    .map((line, i) => (i === 0 || line.trim() === '' ? line.trimEnd() : indent + line.trim()))
    .join('\n');
}

/** A JSON string literal is a valid Python string literal (and a valid YAML scalar). */
export function quoted(text: string): string {
  return JSON.stringify(text);
}

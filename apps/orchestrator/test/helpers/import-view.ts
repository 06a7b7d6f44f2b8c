// What a reader of a generated file's imports would object to, read through the real parser's view
// (import nodes and the identifiers of the tree), independent of node-source's own sorter: a
// section out of order, `from` before `import` in a section, modules out of case-insensitive
// order, a wrong gap, or a bound name that nothing in the module uses.
import type { PyImport, PythonParser } from '@onexgen/response-validator';
import { sectionOf } from '@onexgen/node-source';

const SECTIONS = ['future', 'stdlib', 'thirdparty', 'firstparty', 'local'];

export function importProblems(parser: PythonParser, source: string): string[] {
  return parser.withTree(source, (tree, module) => {
    const problems: string[] = [];
    const imports = module.imports.filter((i) => i.range.startColumn === 1);
    const key = (i: PyImport) => [SECTIONS.indexOf(sectionOf(i.module)), i.kind === 'from' ? 1 : 0, i.module.toLowerCase()] as const;
    for (let k = 1; k < imports.length; k++) {
      const [a, b] = [key(imports[k - 1]!), key(imports[k]!)];
      const ordered = a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2])));
      if (!ordered) problems.push(`out of order: ${imports[k - 1]!.text} / ${imports[k]!.text}`);
      const gap = source.slice(imports[k - 1]!.range.endIndex, imports[k]!.range.startIndex);
      if (gap !== (a[0] === b[0] ? '\n' : '\n\n')) problems.push(`gap before ${imports[k]!.text}: ${JSON.stringify(gap)}`);
    }
    const used = new Set<string>();
    const walk = (node: typeof tree.rootNode): void => {
      if (node.type === 'import_statement' || node.type === 'import_from_statement') return;
      if (node.type === 'identifier') used.add(node.text);
      for (const child of node.namedChildren) if (child) walk(child);
    };
    walk(tree.rootNode);
    for (const imp of imports) {
      for (const n of imp.names) {
        const bound = n.alias ?? (imp.kind === 'import' ? n.name.split('.')[0]! : n.name);
        if (!used.has(bound) && !module.strings.some((s) => !s.isDocstring && s.value.includes(bound))) problems.push(`unused: ${bound}`);
      }
    }
    return problems;
  });
}

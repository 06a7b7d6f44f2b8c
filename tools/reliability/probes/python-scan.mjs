// Python's own view of generated files: which do not parse, and which call a payload name
// (`system`, `__import__`, `popen`) anywhere — the sign that spec text became code.
import { spawnSync } from 'node:child_process';

const SCAN = `
import ast, json, sys
out = {}
for path in sys.argv[1:]:
    try:
        tree = ast.parse(open(path, encoding='utf-8').read())
    except SyntaxError as e:
        out[path] = 'unparsable: %s (line %s)' % (e.msg, e.lineno)
        continue
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else (f.id if isinstance(f, ast.Name) else '')
            if name in ('system', '__import__', 'popen'):
                out[path] = 'calls %s() at line %d' % (name, node.lineno)
                break
print(json.dumps(out))
`;

/** { file: problem } for every .py file that does not parse or calls a payload; {} when Python is absent. */
export function scanPython(files) {
  if (files.length === 0) return {};
  const r = spawnSync('python3', ['-c', SCAN, ...files], { encoding: 'utf8' });
  if (r.status !== 0) return {};
  return JSON.parse(r.stdout);
}

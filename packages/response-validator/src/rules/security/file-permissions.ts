// chmod to a mode that lets every user write the file (os.chmod/fchmod/lchmod, Path.chmod).
// The mode is folded from octal/decimal literals, stat.S_I* constants and | + & operators.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import { lastSegment, unwrap } from '../tree/nodes.js';
import { oncePerLine } from './once-per-line.js';

const STAT: Record<string, number> = {
  S_ISUID: 0o4000, S_ISGID: 0o2000, S_ISVTX: 0o1000, S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100,
  S_IRWXG: 0o70, S_IRGRP: 0o40, S_IWGRP: 0o20, S_IXGRP: 0o10, S_IRWXO: 0o7, S_IROTH: 0o4, S_IWOTH: 0o2, S_IXOTH: 0o1,
  S_IREAD: 0o400, S_IWRITE: 0o200, S_IEXEC: 0o100,
};
const WORLD_WRITE = 0o2;

export const worldWritablePermissions: Rule = {
  id: 'security/world-writable-permissions',
  category: 'security',
  severity: 'error',
  summary: 'chmod to a world-writable mode (0o777, 0o666, S_IWOTH)',
  bandit: 'B103',
  cwe: 'CWE-732',
  check(ctx) {
    const once = oncePerLine(ctx);
    for (const site of ctx.sites()) {
      if (!site.argsKnown) continue;
      const callee = site.callee;
      const isOs = ['os.chmod', 'os.fchmod', 'os.lchmod', 'posix.chmod'].includes(callee);
      if (!isOs && lastSegment(callee) !== 'chmod' && lastSegment(callee) !== 'lchmod') continue;
      const modeArg = site.keywords.get('mode') ?? site.positional[isOs ? 1 : 0];
      const mode = modeArg ? foldMode(ctx, modeArg) : undefined;
      if (mode !== undefined && mode & WORLD_WRITE) {
        once(site.node, `mode 0o${mode.toString(8)} lets every user on the machine modify the file: use 0o600/0o640 for data, 0o700/0o750 for executables`);
      }
    }
  },
};

function foldMode(ctx: RuleContext, expr: Node, depth = 0): number | undefined {
  if (depth > 8) return undefined;
  const n = unwrap(expr);
  if (n.type === 'integer') {
    const t = n.text.replace(/_/g, '').toLowerCase();
    const v = t.startsWith('0o') ? parseInt(t.slice(2), 8) : t.startsWith('0x') ? parseInt(t.slice(2), 16) : t.startsWith('0b') ? parseInt(t.slice(2), 2) : Number(t);
    return Number.isFinite(v) ? v : undefined;
  }
  if (n.type === 'binary_operator') {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    const a = l ? foldMode(ctx, l, depth + 1) : undefined;
    const b = r ? foldMode(ctx, r, depth + 1) : undefined;
    if (a === undefined || b === undefined) return undefined;
    const op = n.childForFieldName('operator')?.type;
    return op === '|' || op === '+' ? a | b : op === '&' ? a & b : undefined;
  }
  if (n.type === 'attribute' || n.type === 'identifier') {
    const q = ctx.names.resolve(n);
    const name = q?.startsWith('stat.') ? q.slice(5) : undefined;
    if (name && name in STAT) return STAT[name];
    const def = ctx.names.definition(n);
    return def && def !== n ? foldMode(ctx, def, depth + 1) : undefined;
  }
  return undefined;
}

// Code and command injection: eval/exec/compile on non-literals; os.system/popen and friends;
// os.exec*/spawn*/posix_spawn/pty.spawn running a shell or a computed program; shell=True,
// create_subprocess_shell, anyio.run_process with a command string, and `["sh", "-c", cmd]` argv.
// Every callee is resolved first (aliases, getattr, __import__, partial, executors).
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import type { CallSite } from '../tree/call-sites.js';
import { oncePerLine } from './once-per-line.js';
import { isPlainString, lastSegment, unwrap } from '../tree/nodes.js';

const DYNAMIC_CODE = new Set(['eval', 'exec', 'compile', 'execfile']);

export const evalExec: Rule = {
  id: 'security/eval-exec',
  category: 'security',
  severity: 'error',
  summary: 'eval/exec/compile on a non-literal runs arbitrary code',
  bandit: 'B307,B102',
  cwe: 'CWE-95',
  check(ctx) {
    const once = oncePerLine(ctx);
    for (const site of ctx.sites()) {
      if (!DYNAMIC_CODE.has(site.callee)) continue;
      const first = site.positional[0];
      if (site.argsKnown && first && isPlainString(first)) continue;
      once(site.node, `${site.callee}() on a computed value runs arbitrary code: parse data with json.loads or ast.literal_eval, or dispatch through a dict of allowed functions`);
    }
  },
};

/** Always a shell, whatever the argument. */
const SHELL_CALLS = new Set([
  'os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'subprocess.getoutput', 'subprocess.getstatusoutput',
  'commands.getoutput', 'commands.getstatusoutput', 'platform.popen', 'popen2.popen2', 'popen2.popen3', 'popen2.popen4',
  'popen2.Popen3', 'popen2.Popen4', 'posix.system', 'nt.system',
]);
/** Run a program without a shell: dangerous when the program is a shell or is computed. Value: index of the program argument. */
const PROCESS_CALLS = new Map<string, number>([
  ...['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe'].map((f) => [`os.${f}`, 0] as [string, number]),
  ...['spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe'].map((f) => [`os.${f}`, 1] as [string, number]),
  ['os.posix_spawn', 0], ['os.posix_spawnp', 0], ['pty.spawn', 0], ['os.startfile', 0],
]);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'csh', 'tcsh', 'fish', 'ash', 'busybox', 'cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh']);

export const osShell: Rule = {
  id: 'security/os-shell',
  category: 'security',
  severity: 'error',
  summary: 'os.system/popen of a computed command (a shell), os.exec*/spawn*/pty.spawn of a shell or a computed program',
  bandit: 'B605',
  cwe: 'CWE-78',
  check(ctx) {
    const once = oncePerLine(ctx);
    const paramiko = [...ctx.names.importedModules].some((m) => m === 'paramiko' || m.startsWith('paramiko.'));
    for (const site of ctx.sites()) {
      if (SHELL_CALLS.has(site.callee)) {
        // a fixed command ("clear", "cls" if windows else "clear") has nothing to inject
        if (site.argsKnown && site.positional[0] && literalCommand(ctx, site.positional[0])) continue;
        once(site.node, `${site.callee}() runs its argument through the shell: use subprocess.run([...], check=True) with an argument list (or asyncio.create_subprocess_exec)`);
        continue;
      }
      const index = PROCESS_CALLS.get(site.callee);
      if (index !== undefined) {
        const why = processRisk(ctx, site, index);
        if (why) once(site.node, `${site.callee}() ${why}: run a fixed program with an argument list (subprocess.run(["prog", arg], check=True)) and never a shell with -c`);
        continue;
      }
      // paramiko's SSHClient.exec_command runs its string in the remote user's shell
      if (paramiko && lastSegment(site.callee) === 'exec_command' && site.argsKnown && site.positional[0] && !isPlainString(site.positional[0])) {
        once(site.node, 'exec_command() runs a computed string in the remote shell: quote every value with shlex.quote or run a fixed command');
      }
    }
  },
};

function literalCommand(ctx: RuleContext, node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'conditional_expression') return [n.namedChildren[0], n.namedChildren[2]].every((c) => !!c && literalCommand(ctx, c));
  return ctx.names.constant(n) !== undefined;
}

/** Why running this process is dangerous, if it is. */
function processRisk(ctx: RuleContext, site: CallSite, index: number): string | undefined {
  if (!site.argsKnown) return 'is passed along to run a program chosen elsewhere';
  const program = site.positional[index];
  if (!program) return undefined;
  const argv = argvOf(site, index);
  const name = ctx.names.constant(program);
  if (name === undefined) {
    const p = unwrap(program);
    if (['list', 'tuple'].includes(p.type)) return shellArgv(ctx, p.namedChildren) ? 'starts a shell' : undefined;
    if (ctx.names.resolve(p) === 'sys.executable') return undefined;
    return 'runs a program computed at run time';
  }
  if (SHELLS.has(basename(name)) || SHELLS.has(name.split(/\s+/)[0] ?? '')) return 'starts a shell';
  if (argv.length && shellArgv(ctx, argv)) return 'starts a shell';
  return undefined;
}

/** The argument vector after the program: `execvp(prog, [argv…])` or `execlp(prog, arg0, arg1, …)`. */
function argvOf(site: CallSite, index: number): Node[] {
  const rest = site.positional.slice(index + 1);
  const first = rest[0] && unwrap(rest[0]);
  if (first && ['list', 'tuple'].includes(first.type)) return first.namedChildren;
  return rest;
}

/** `["sh", "-c", cmd]`: a shell, unless it only runs a literal command. */
export function shellArgv(ctx: RuleContext, items: readonly Node[]): boolean {
  if (!items.length) return false;
  const program = ctx.names.constant(items[0]!);
  if (program === undefined || !SHELLS.has(basename(program))) return false;
  const allLiteral = items.every((i) => ctx.names.constant(i) !== undefined);
  const hasCommand = items.some((i) => ['-c', '/c', '/C', '-Command', '-command'].includes(ctx.names.constant(i) ?? ''));
  return !(allLiteral && hasCommand);
}

function basename(path: string): string {
  return path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1).toLowerCase();
}

const TRUTHY_CONSTANTS = new Set(['true', 'integer', 'string']);

export const subprocessShell: Rule = {
  id: 'security/subprocess-shell',
  category: 'security',
  severity: 'error',
  summary: 'subprocess with shell=True, create_subprocess_shell, a command string to anyio, or ["sh", "-c", cmd]',
  bandit: 'B602,B604',
  cwe: 'CWE-78',
  check(ctx) {
    const once = oncePerLine(ctx);
    for (const site of ctx.sites()) {
      const callee = site.callee;
      const last = lastSegment(callee);
      if (callee === 'asyncio.create_subprocess_shell' || last === 'create_subprocess_shell' || last === 'subprocess_shell') {
        once(site.node, 'create_subprocess_shell runs the command through the shell: use asyncio.create_subprocess_exec(program, *args)');
        continue;
      }
      const shell = site.keywords.get('shell');
      // functools.partial(subprocess.run, shell=True) is reported where the partial is called
      if (shell && isTruthyConstant(shell) && !callee.startsWith('functools.partial')) {
        once(site.node, `${callee}(..., shell=True) lets shell metacharacters in arguments run commands: pass an argument list and drop shell=True`);
        continue;
      }
      if ((callee === 'anyio.run_process' || callee === 'anyio.open_process') && site.positional[0] && isStringExpression(site.positional[0])) {
        once(site.node, `${callee}() with a string runs it through the shell: pass a list of arguments`);
        continue;
      }
      if (!site.argsKnown || !(callee.startsWith('subprocess.') || callee === 'asyncio.create_subprocess_exec' || last === 'create_subprocess_exec' || callee.startsWith('anyio.') || callee.startsWith('trio.'))) continue;
      const first = site.positional[0] && unwrap(site.positional[0]);
      const argv = first && ['list', 'tuple'].includes(first.type) ? first.namedChildren : last === 'create_subprocess_exec' ? site.positional : [];
      if (shellArgv(ctx, argv)) once(site.node, `${callee}() starts a shell with a computed command (["sh", "-c", …]): run the program itself with an argument list`);
    }
  },
};

function isTruthyConstant(node: Node): boolean {
  const n = unwrap(node);
  if (!TRUTHY_CONSTANTS.has(n.type)) return false;
  if (n.type === 'integer') return Number(n.text) !== 0;
  if (n.type === 'string') return isPlainString(n) && n.text.length > 2;
  return true;
}

function isStringExpression(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'string' || n.type === 'concatenated_string') return true;
  if (n.type === 'binary_operator') return ['+', '%'].includes(n.childForFieldName('operator')?.type ?? '') && isStringExpression(n.childForFieldName('left') ?? n);
  return n.type === 'call' && n.childForFieldName('function')?.type === 'attribute' && n.childForFieldName('function')?.childForFieldName('attribute')?.text === 'format';
}

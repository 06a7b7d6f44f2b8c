// Code and shell injection: eval/exec/compile on non-literals, os.system/os.popen, shell=True.
import type { Rule } from '../rule.js';
import { callArguments, calleeText, isPlainString, isTrue } from '../tree/nodes.js';

const DYNAMIC_CODE = new Set(['eval', 'exec', 'compile', 'builtins.eval', 'builtins.exec', 'builtins.compile']);

export const evalExec: Rule = {
  id: 'security/eval-exec',
  category: 'security',
  severity: 'error',
  summary: 'eval/exec/compile on a non-literal runs arbitrary code',
  bandit: 'B307,B102',
  cwe: 'CWE-95',
  check(ctx) {
    for (const call of ctx.nodes('call')) {
      const callee = calleeText(call);
      if (!DYNAMIC_CODE.has(callee)) continue;
      const first = callArguments(call).positional[0];
      if (first && isPlainString(first)) continue;
      ctx.report(call, `${callee}() on a computed value runs arbitrary code: parse data with json.loads or ast.literal_eval, or dispatch through a dict of allowed functions`);
    }
  },
};

const SHELL_CALLS = new Set(['os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput']);

export const osShell: Rule = {
  id: 'security/os-shell',
  category: 'security',
  severity: 'error',
  summary: 'os.system/os.popen run a command through the shell',
  bandit: 'B605',
  cwe: 'CWE-78',
  check(ctx) {
    for (const call of ctx.nodes('call')) {
      const callee = calleeText(call);
      if (SHELL_CALLS.has(callee)) {
        ctx.report(call, `${callee}() runs its argument through the shell: use subprocess.run([...], check=True) with an argument list (or asyncio.create_subprocess_exec)`);
      }
    }
  },
};

export const subprocessShell: Rule = {
  id: 'security/subprocess-shell',
  category: 'security',
  severity: 'error',
  summary: 'subprocess with shell=True (or create_subprocess_shell)',
  bandit: 'B602,B604',
  cwe: 'CWE-78',
  check(ctx) {
    for (const call of ctx.nodes('call')) {
      const callee = calleeText(call);
      if (callee === 'asyncio.create_subprocess_shell' || callee === 'create_subprocess_shell') {
        ctx.report(call, 'create_subprocess_shell runs the command through the shell: use asyncio.create_subprocess_exec(program, *args)');
        continue;
      }
      if (isTrue(callArguments(call).keywords.get('shell'))) {
        ctx.report(call, `${callee}(..., shell=True) lets shell metacharacters in arguments run commands: pass an argument list and drop shell=True`);
      }
    }
  },
};

// Names resolve before any security rule matches: aliases, the node file's imports (fileImports),
// imports an answer carried (validateResponse), getattr/__import__ with folded strings, and
// functions passed by reference (executors, partial, threads). Each form must be an error.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, type Validator } from '../src/index.js';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator({ profile: 'onex-v2' });
});

const errors = (code: string, context = {}) =>
  validator
    .validate(code, context)
    .issues.filter((i) => i.category === 'security' && i.severity === 'error')
    .map((i) => `${i.ruleId}@${i.line}`);

describe('the forms issue 14 found injected', () => {
  const forms: [string, string, string][] = [
    ['from-import alias', 'from os import system as s\ns(cmd)\n', 'security/os-shell@2'],
    ['module alias', 'import os as o\no.popen(cmd)\n', 'security/os-shell@2'],
    ['execvp of sh -c', 'import os\nos.execvp("sh", ["sh", "-c", cmd])\n', 'security/os-shell@2'],
    ['getattr of __import__ with a folded name', 'getattr(__import__("o" + "s"), "system")(cmd)\n', 'security/os-shell@1'],
    ['chmod 0o777', 'import os\nos.chmod("/etc/passwd", 0o777)\n', 'security/world-writable-permissions@2'],
  ];
  test.each(forms)('%s: module', (_name, code, expected) => {
    expect(errors(code)).toEqual([expected]);
  });
  test.each(forms)('%s: method body', (_name, code, expected) => {
    expect(errors(code, { fragment: true, nodeType: 'effect' })).toEqual([expected]);
  });
  test.each(forms)('%s: LLM answer (imports moved out of the body still resolve)', (_name, code, expected) => {
    const r = validator.validateResponse('```python\n' + code + '```', { fragment: true, nodeType: 'effect' });
    expect(r.passed).toBe(false);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.ruleId)).toContain(expected.split('@')[0]);
  });
});

describe('name resolution', () => {
  test('a method body resolves through the file imports in the context', () => {
    const ctx = { fragment: true, nodeType: 'effect' as const, fileImports: ['from subprocess import run as sh_run', 'import pickle as pk'] };
    expect(errors('sh_run(cmd, shell=True)\nreturn pk.loads(blob)\n', ctx)).toEqual(['security/subprocess-shell@1', 'security/unsafe-deserialization@2']);
    // without the file's imports the same names are opaque
    expect(errors('sh_run(cmd, shell=True)\nreturn pk.loads(blob)\n', { fragment: true })).toEqual(['security/subprocess-shell@1']);
  });

  test.each([
    ['run_in_executor', 'import asyncio, os\nasync def f(cmd):\n    loop = asyncio.get_running_loop()\n    await loop.run_in_executor(None, os.system, cmd)\n', 'security/os-shell@4'],
    ['to_thread', 'import asyncio, subprocess\nasync def f(cmd):\n    await asyncio.to_thread(subprocess.run, cmd, shell=True)\n', 'security/subprocess-shell@3'],
    ['partial assigned then called', 'import functools, subprocess\nrun = functools.partial(subprocess.run, shell=True)\nrun(cmd)\n', 'security/subprocess-shell@3'],
    ['partial handed to an executor', 'from functools import partial\nimport subprocess\nexecutor.submit(partial(subprocess.check_output, cmd, shell=True))\n', 'security/subprocess-shell@3'],
    ['thread target', 'import os, threading\nthreading.Thread(target=os.system, args=(cmd,)).start()\n', 'security/os-shell@2'],
    ['local alias', 'import os\nrunner = os.system\nrunner(cmd)\n', 'security/os-shell@3'],
    ['importlib', 'import importlib\nimportlib.import_module("subprocess").run(cmd, shell=True)\n', 'security/subprocess-shell@2'],
    ['builtins through getattr', 'import builtins\ngetattr(builtins, "ev" + "al")(expr)\n', 'security/eval-exec@2'],
    ['sys.modules', 'import sys\nsys.modules["os"].system(cmd)\n', 'security/os-shell@2'],
    ['"".join of letters', '__import__("".join(["o", "s"])).popen(cmd)\n', 'security/os-shell@1'],
    ['map over commands', 'import os\nlist(map(os.system, commands))\n', 'security/os-shell@2'],
    ['requests session bound by with', 'import requests\nwith requests.Session() as s:\n    s.get(url, verify=False, timeout=5)\n', 'security/tls-verification-disabled@3'],
    ['stat constants', 'import os, stat\nos.chmod(path, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)\n', 'security/world-writable-permissions@2'],
    ['Path.chmod', 'from pathlib import Path\nPath(p).chmod(0o666)\n', 'security/world-writable-permissions@2'],
  ])('%s', (_name, code, expected) => {
    expect(errors(code)).toEqual([expected]);
  });

  test.each([
    ['a literal program without a shell', 'import os\nos.execvp("git", ["git", "pull"])\n'],
    ['restarting itself', 'import os, sys\nos.execv(sys.executable, [sys.executable, *sys.argv])\n'],
    ['a literal shell command', 'import subprocess\nsubprocess.run(["bash", "-c", "echo ready"], check=True)\n'],
    ['chmod 0o755', 'import os\nos.chmod(script, 0o755)\n'],
    ['a local named like a module function', 'def system(x):\n    return x\nsystem("ls")\n'],
    ['hmac with md5 is not a bare digest', 'import hashlib, hmac\nhmac.new(key, msg, hashlib.md5).hexdigest()\n'],
  ])('stays clean: %s', (_name, code) => {
    expect(errors(code)).toEqual([]);
  });
});

test('a wildcard import binds the module functions the rules look for', async () => {
  expect(errors('from os import *\nsystem(cmd)\n')).toEqual(['security/os-shell@2']);
  expect(errors('from subprocess import *\nrun(cmd, shell=True)\n')).toEqual(['security/subprocess-shell@2']);
});

test('a helper that returns a requests session makes one', async () => {
  const code = 'import requests\n\ndef build() -> requests.Session:\n    return requests.Session()\n\ndef fetch(url):\n    return build().get(url)\n';
  expect(validator.validate(code).issues.filter((i) => i.ruleId === 'security/http-without-timeout').map((i) => i.line)).toEqual([7]);
});

test('a fixed command has nothing to inject; a computed one does', async () => {
  expect(errors('import os\nos.system("cls" if os.name == "nt" else "clear")\n')).toEqual([]);
  expect(errors('import os\nos.system("clear " + flags)\n')).toEqual(['security/os-shell@2']);
});

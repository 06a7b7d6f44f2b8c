// Validation on a thread of its own (startValidatorThread): the same verdicts as the in-process
// validator, the body's parse handed back for parsedBody, errors with their codes, and a thread
// that neither keeps the process alive when idle nor leaves a request hanging when it stops.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, startValidatorThread, stopIdleValidatorThreads, ValidatorError, type Validator, type ValidatorThread } from '../src/index.js';
import { loadCorpus } from './corpus.js';

const fence = '```';
const profileWithoutQuality = { id: 'no-quality', extends: 'onex-v2', rules: { 'quality/complexity': { enabled: false } } };
let inProcess: Validator;
let thread: ValidatorThread;
beforeAll(async () => {
  inProcess = await createValidator();
  thread = startValidatorThread({ run: {}, custom: { profile: profileWithoutQuality } });
});
afterAll(async () => {
  await thread.close();
  await stopIdleValidatorThreads();
});

// durationMs is the one field that differs between two runs of the same check
const verdict = <T extends { stats: { durationMs: number } }>(r: T) => ({ ...r, stats: { ...r.stats, durationMs: 0 } });

const answers = [
  `${fence}python\nrows = await self.fetch(contract.ids)\nreturn {"count": len(rows)}\n${fence}`,
  'Here:\n```python\nimport os\nos.system(contract.command)\nreturn None\n```',
  `${fence}python\nif x\n    return 1\n${fence}`,
  `${fence}python\n"""Doc."""\ntext = """a\n  b"""\nreturn text\n${fence}`,
  '<think>plan</think>\nasync def execute_effect(self, contract):\n    """Run."""\n    return await self.run(contract)\n',
];

describe('a validation thread', () => {
  test.each(answers.map((answer, i) => ({ i, answer })))('validateResponse #$i: the in-process verdict, and the body parse for parsedBody', async ({ answer }) => {
    const context = { fragment: true, nodeType: 'effect' as const, methodName: 'execute_effect' };
    const here = inProcess.validateResponse(answer, context);
    const there = await thread.validator('run').validateResponse(answer, context);
    expect(verdict(there)).toEqual(verdict(here));
    const hereBody = inProcess.parsedBody!(here);
    const thereBody = thread.validator('run').parsedBody(there);
    if (!hereBody) {
      expect(thereBody).toBeUndefined();
      return;
    }
    const { mapPosition: hereMap, ...hereWrapper } = hereBody.wrapper;
    const { mapPosition: thereMap, ...thereWrapper } = thereBody!.wrapper;
    expect({ ...thereBody, wrapper: thereWrapper }).toEqual({ ...hereBody, wrapper: hereWrapper });
    for (const [line, column] of [[1, 1], [2, 3], [3, 9], [4, 1]] as const) expect(thereMap(line, column)).toEqual(hereMap(line, column));
    // a copy of the result is not the result: as in process, its body is not known
    expect(thread.validator('run').parsedBody({ ...there })).toBeUndefined();
  });

  test('validate over the security corpus: every sample the in-process verdict', async () => {
    const samples = loadCorpus().slice(0, 60);
    expect(samples.length).toBeGreaterThan(20);
    const there = await Promise.all(samples.map((s) => thread.validator('run').validate(s.code)));
    samples.forEach((s, i) => expect(verdict(there[i]!)).toEqual(verdict(inProcess.validate(s.code))));
  });

  test('each validator keeps its own profile', async () => {
    const code = 'def f(a):\n' + Array.from({ length: 14 }, (_, i) => `    if a == ${i}:\n        return ${i}\n`).join('') + '    return -1\n';
    const custom = await createValidator({ profile: profileWithoutQuality });
    const [run, own] = await Promise.all([thread.validator('run').validate(code), thread.validator('custom').validate(code)]);
    expect(run.issues.some((i) => i.ruleId === 'quality/complexity')).toBe(true);
    expect(own.issues.some((i) => i.ruleId === 'quality/complexity')).toBe(false);
    expect(verdict(own)).toEqual(verdict(custom.validate(code)));
  });

  test('an invalid context and an unknown validator reject with what went wrong', async () => {
    const bad = { nodeType: 'gateway' } as unknown as Parameters<Validator['validate']>[1];
    let inProcessMessage = '';
    try {
      inProcess.validate('x = 1\n', bad);
    } catch (err) {
      inProcessMessage = (err as Error).message;
    }
    expect(inProcessMessage).toMatch(/nodeType/);
    await expect(thread.validator('run').validate('x = 1\n', bad)).rejects.toMatchObject({ code: 'CONTEXT_INVALID', message: inProcessMessage });
    await expect(thread.validator('run').validate('x = 1\n', bad)).rejects.toBeInstanceOf(ValidatorError);
    await expect(thread.validator('nobody').validate('x = 1\n')).rejects.toThrow(/no validator named "nobody"/);
    // errors keep their class and code: what the caller would have caught in process
    await expect(thread.validator('run').validate(42 as unknown as string)).rejects.toMatchObject({ name: 'ValidatorError', code: 'INPUT_UNREADABLE' });
    // the thread still answers after both
    expect((await thread.validator('run').validate('x = 1\n')).syntaxValid).toBe(true);
  });

  test('extensions: their operations run on the thread with its parser, in turn with the checks', async () => {
    const extension = fileURLToPath(new URL('./fixtures/thread/extension.mjs', import.meta.url));
    const own = startValidatorThread({ run: {} }, { extensions: [extension] });
    try {
      const source = 'def a():\n    pass\n\nasync def b(x):\n    return x\n';
      const [names, check, later] = await Promise.all([
        own.run<string[]>('functionNames', { source }),
        own.validator('run').validate(source),
        own.run<{ doubled: number }>('later', { value: 21 }),
      ]);
      expect(names).toEqual(['a', 'b']);
      expect(verdict(check)).toEqual(verdict(inProcess.validate(source)));
      expect(later).toEqual({ doubled: 42 });
      // an operation's error comes back with its name, code and message; an unknown name is refused
      await expect(own.run('fails', {})).rejects.toMatchObject({ name: 'NodeSourceError', code: 'INJECTION_FAILED', message: 'the operation refused its payload' });
      await expect(own.run('nothing', {})).rejects.toThrow(/no operation named "nothing"/);
      expect(await own.run('functionNames', { source: 'def c(): pass\n' })).toEqual(['c']);
    } finally {
      await own.close();
    }
    const twins = startValidatorThread({ run: {} }, { extensions: [extension, fileURLToPath(new URL('./fixtures/thread/twin.mjs', import.meta.url))] });
    await expect(twins.run('functionNames', { source: '' })).rejects.toThrow(/two extensions name the operation "functionNames"/);
    await twins.close();
  });

  test('closed: a request waiting and any later one reject with THREAD_FAILED', async () => {
    const own = startValidatorThread({ run: {} });
    const waiting = own.validator('run').validate('x = 1\n').catch((err: unknown) => err);
    await own.close();
    expect(await waiting).toMatchObject({ code: 'THREAD_FAILED' });
    await expect(own.validator('run').validate('x = 1\n')).rejects.toMatchObject({ code: 'THREAD_FAILED' });
  });

  test('a closed thread is taken over warm by the next owner with the same extensions, with that owner\'s validators', async () => {
    await stopIdleValidatorThreads();
    const code = 'def f(a):\n' + Array.from({ length: 14 }, (_, i) => `    if a == ${i}:\n        return ${i}\n`).join('') + '    return -1\n';
    const first = startValidatorThread({ run: {} });
    expect((await first.validator('run').validate(code)).issues.some((i) => i.ruleId === 'quality/complexity')).toBe(true);
    // requests still in flight when the owner leaves: theirs reject, their replies reach nobody else
    const leftBehind = Array.from({ length: 20 }, (_, i) => first.validator('run').validate(`x = ${i}\n`).catch((err: unknown) => err));
    await first.close();
    for (const r of await Promise.all(leftBehind)) expect(r).toMatchObject({ code: 'THREAD_FAILED' });

    const second = startValidatorThread({ run: { profile: profileWithoutQuality } });
    try {
      expect(second.threadId).toBe(first.threadId);
      // the same key now names the new owner's validator (its profile), and answers are its own
      const [own, plain] = await Promise.all([second.validator('run').validate(code), second.validator('run').validate('y = 2\n')]);
      expect(own.issues.some((i) => i.ruleId === 'quality/complexity')).toBe(false);
      expect(verdict(own)).toEqual(verdict((await createValidator({ profile: profileWithoutQuality })).validate(code)));
      expect(plain.stats.lines).toBe(1);
      await expect(second.validator('custom').validate('x = 1\n')).rejects.toThrow(/no validator named "custom"/);
      // the former owner stays closed
      await expect(first.validator('run').validate('x = 1\n')).rejects.toMatchObject({ code: 'THREAD_FAILED' });
    } finally {
      await second.close();
    }
  });

  test('other extensions, reuse: false and stopIdleValidatorThreads each get a thread of their own', async () => {
    await stopIdleValidatorThreads();
    const extension = fileURLToPath(new URL('./fixtures/thread/extension.mjs', import.meta.url));
    const plain = startValidatorThread({ run: {} });
    const plainId = plain.threadId;
    await plain.close();
    const withExtension = startValidatorThread({ run: {} }, { extensions: [extension] });
    expect(withExtension.threadId).not.toBe(plainId);
    expect(await withExtension.run('functionNames', { source: 'def a(): pass\n' })).toEqual(['a']);
    const ownThread = startValidatorThread({ run: {} }, { reuse: false });
    expect(ownThread.threadId).not.toBe(plainId);
    expect((await ownThread.validator('run').validate('x = 1\n')).syntaxValid).toBe(true);
    await ownThread.close();
    await withExtension.close();
    // the idle plain thread was kept until now; once stopped, the next owner starts a new one
    const again = startValidatorThread({ run: {} });
    expect(again.threadId).toBe(plainId);
    await again.close();
    await stopIdleValidatorThreads();
    const fresh = startValidatorThread({ run: {} });
    expect(fresh.threadId).not.toBe(plainId);
    expect((await fresh.validator('run').validate('x = 1\n')).syntaxValid).toBe(true);
    await fresh.close();
  });

  test('an idle thread does not keep the process alive; a request in flight does until answered', () => {
    const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    // the second owner leaves its thread idle in the pool: the process still ends
    const script = `
      import { startValidatorThread } from ${JSON.stringify(entry)};
      const thread = startValidatorThread({ run: {} });
      thread.validator('run').validate('x = 1\\n').then(async (r) => {
        console.log('answered', r.syntaxValid);
        await thread.close();
        const next = startValidatorThread({ run: {} });
        console.log('reused', next.threadId === thread.threadId, (await next.validator('run').validate('y = 2\\n')).syntaxValid);
        await next.close();
      });
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('answered true\nreused true true');
    expect(child.status).toBe(0);
  });
});

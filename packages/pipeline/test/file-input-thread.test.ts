// A large node file is read off the caller's thread (fileInputAsync): the caller's event loop keeps
// turning meanwhile, so a SIGINT / SIGTERM handler runs at once, and aborting ends the parse. A file
// read in two parts on two threads gives what the whole file gives, also when the cut falls inside a
// string; so do its errors.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { loadPythonParser, type PythonParser } from '@onexgen/response-validator';
import { fileInput } from '../src/node/node-inputs.js';
import { fileInputAsync } from '../src/node/file-input-async.js';
import { fileFactsAsync } from '../src/node/file-facts-async.js';
import { fileFacts } from '../src/node/file-facts.js';
import { cutNear } from '../src/node/file-cut.js';
import { OnexgenError } from '../src/errors.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/stubbed/node_inventory_effect.py', import.meta.url));
const example = readFileSync(EXAMPLE, 'utf8');

/** `count` implemented helpers, the second half's with a stub among them. */
function helpers(from: number, count: number): string {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const body = i === from + count - 1 ? '    # IMPLEMENTATION REQUIRED\n    pass\n' : `    total = 0\n    for item in items:\n        total += item * factor\n    return {"total": total, "id": ${i}}\n`;
    return `\n\n@staticmethod\ndef helper_${i}(items, factor=2):\n${body}`;
  }).join('');
}

let parser: PythonParser;
const big = example + helpers(0, 1_500) + helpers(1_500, 1_500);
const WHOLE = { threadFrom: 1, splitFrom: Number.POSITIVE_INFINITY };
const SPLIT = { threadFrom: 1, splitFrom: 1 };
beforeAll(async () => {
  parser = await loadPythonParser();
});

describe('fileInputAsync', () => {
  test('on one thread: what fileInput gives, while the event loop keeps turning', async () => {
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 5);
    try {
      const async = await fileInputAsync(parser, 'node_big.py', big, undefined, { packageFiles: { '__init__.py': '' }, ...WHOLE });
      expect(async).toEqual(fileInput(parser, 'node_big.py', big, undefined, { packageFiles: { '__init__.py': '' } }));
      expect(async.stubs.length).toBeGreaterThan(1);
      expect(turns).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
    }
  });

  test('in two parts on two threads: what fileInput gives, stubs and positions of the second part included', async () => {
    const cut = cutNear(big, big.length >> 1)!.at;
    expect(big.slice(cut)).toMatch(/^@staticmethod\n/);
    const split = await fileInputAsync(parser, 'node_big.py', big, undefined, { includeUncertain: true, ...SPLIT });
    const here = fileInput(parser, 'node_big.py', big, undefined, { includeUncertain: true });
    expect(split).toEqual(here);
    expect(split.stubs.some((s) => s.replaceStart > cut)).toBe(true);
  });

  test('a cut that falls inside a string: the file is read whole and gives what fileInput gives', async () => {
    const quoted = `\n\nNOTES = """\n${helpers(9_000, 2_000).replace(/"""/g, '')}\n"""\n`;
    const text = example + helpers(0, 300) + quoted + helpers(300, 300);
    const cut = cutNear(text, text.length >> 1)!.at;
    expect(text.lastIndexOf('NOTES = """', cut)).toBeGreaterThan(0);
    expect(await fileInputAsync(parser, 'node_q.py', text, undefined, SPLIT)).toEqual(fileInput(parser, 'node_q.py', text));
  });

  test('a node whose methods sit in one large class is cut inside the class and gives what fileInput gives', async () => {
    const methods = Array.from({ length: 3_000 }, (_, i) => `\n    def helper_${i}(self, items):\n        return [x * ${i} for x in items]\n`).join('');
    const marker = '\nclass NodeInventoryEffect(NodeEffect):\n';
    const at = example.indexOf(marker) + marker.length;
    const text = example.slice(0, at) + methods + example.slice(at);
    const cut = cutNear(text, text.length >> 1)!;
    expect(text.slice(cut.header![0], cut.header![1])).toBe('class NodeInventoryEffect(NodeEffect):');
    const split = await fileInputAsync(parser, 'node_class.py', text, undefined, SPLIT);
    expect(split).toEqual(fileInput(parser, 'node_class.py', text));
    expect(split.stubs.filter((s) => s.replaceStart > cut.at).length).toBeGreaterThan(0);
  });

  test('a class header that is text inside a string does not make the parts count: the file is refused as a whole', async () => {
    // the first part ends with the string and parses; the second parses under the false header;
    // the file itself does not (the indented def after the string)
    const head = example + helpers(0, 300);
    const fake = 'NOTES = """\nclass X:\n    """\n    def m(self):\n';
    let text = '';
    for (let k = 0; k < 100_000 && !text; k++) {
      const candidate = head + fake + '        x = 1\n'.repeat(k);
      const cut = cutNear(candidate, candidate.length >> 1);
      if (cut?.header && candidate.startsWith('    def m(self)', cut.at)) text = candidate;
    }
    expect(text).not.toBe('');
    expect(() => fileInput(parser, 'node_fake.py', text)).toThrow(OnexgenError);
    const err = await fileInputAsync(parser, 'node_fake.py', text, undefined, SPLIT).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NODE_FILE_INVALID' });
  });

  test('fileFactsAsync (what `onexgen stubs` reads) gives the facts of the whole parse, uncertain stubs included', async () => {
    const here = fileFacts(parser, big, { includeUncertain: true });
    const split = await fileFactsAsync(parser, big, { includeUncertain: true, ...SPLIT });
    expect(split.stubs).toEqual(here.stubs);
    expect(split.injection).toEqual(here.injection);
  });

  test('in a process started as `node --input-type=module -e …` (a flag no thread may take), the thread starts', () => {
    const dist = (pkg: string, file: string) => new URL(`../../${pkg}/dist/${file}`, import.meta.url).href;
    const code = `
      const { fileFactsAsync } = await import(${JSON.stringify(dist('pipeline', 'node-files.js'))});
      const { loadPythonParser } = await import(${JSON.stringify(dist('response-validator', 'index.js'))});
      const src = 'def f():\\n    # IMPLEMENTATION REQUIRED\\n    pass\\n' + 'x = 1\\n'.repeat(1000);
      const facts = await fileFactsAsync(await loadPythonParser(), src, { threadFrom: 1 });
      console.log('stubs ' + facts.stubs.length);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/ERR_INPUT_TYPE_NOT_ALLOWED/);
    expect(run.stdout.trim()).toBe('stubs 1');
  });

  test('an abort ends the parse: the promise rejects with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new OnexgenError('INTERRUPTED', 'interrupted');
    setTimeout(() => controller.abort(reason), 20);
    await expect(fileInputAsync(parser, 'node_big.py', big, undefined, { signal: controller.signal, ...SPLIT })).rejects.toBe(reason);
  });

  test('a file that is not valid Python is refused as fileInput refuses it, naming the line', async () => {
    const broken = big + '\n\ndef broken(:\n    pass\n';
    const line = broken.split('\n').length - 2;
    const err = await fileInputAsync(parser, 'node_big.py', broken, undefined, SPLIT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnexgenError);
    expect(err).toMatchObject({ code: 'NODE_FILE_INVALID', where: 'node_big.py' });
    expect((err as Error).message).toContain(`node_big.py:${line}:`);
  });
});

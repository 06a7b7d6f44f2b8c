// `onexgen config show --effective | export | import` in-process: each value with its layer, an
// export that imports back to the same effective values elsewhere, and files holding a key refused
// with nothing written.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { runInProcess } from './helpers/run-in-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'onexgen-config-io-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dir(name: string, files: Record<string, string> = {}): string {
  const d = join(tmp, name);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(d, f, '..'), { recursive: true });
    writeFileSync(join(d, f), text);
  }
  mkdirSync(d, { recursive: true });
  return d;
}

type Value = { key: string; value: unknown; layer: string; file?: string };
async function effective(cwd: string, env: Record<string, string> = {}): Promise<Value[]> {
  const r = await runInProcess(['config', 'show', '--effective', '--json'], { cwd, env: { HOME: join(cwd, 'home'), ...env } });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).values as Value[];
}

const LLM = 'llm:\n  providers:\n    local-vllm: { kind: openai-compatible, baseUrl: "http://10.0.0.5:8000/v1", apiKeyEnv: VLLM_KEY }\n  tiers:\n    cloud_fast: [{ provider: local-vllm, model: qwen2.5-coder-32b }]\n';

describe('onexgen config', () => {
  test('show --effective names the layer of every value; show alone lists the files\' values', async () => {
    const d = dir('show', {
      'home/.config/onexgen/config.yaml': 'tier: local\nmax_attempts: 5\n',
      'onexgen.config.yaml': `concurrency: 3\nmodel: project-model\n${LLM}`,
    });
    const values = await effective(d, { ONEXGEN_MODEL: 'env-model', DATABASE_URL: 'postgres://onex:hunter2-pw@db.internal:5432/onex' });
    const of = (k: string) => values.find((v) => v.key === k);
    expect(of('tier')).toMatchObject({ value: 'local', layer: 'user', file: join(d, 'home/.config/onexgen/config.yaml') });
    expect(of('concurrency')).toMatchObject({ value: 3, layer: 'project', file: join(d, 'onexgen.config.yaml') });
    expect(of('model')).toMatchObject({ value: 'env-model', layer: 'env' });
    expect(of('validatorProfile')).toMatchObject({ value: 'onex-v2', layer: 'default' });
    expect(of('llm')).toMatchObject({ layer: 'files' });
    // the database password is never shown
    expect(of('db')).toMatchObject({ value: 'postgres://onex@db.internal:5432/onex', layer: 'env' });
    expect(JSON.stringify(values)).not.toContain('hunter2-pw');
    const text = await runInProcess(['config', 'show'], { cwd: d, env: { HOME: join(d, 'home') } });
    expect(text.stdout).toMatch(/^concurrency\s+3\s+project \(/m);
    expect(text.stdout).not.toMatch(/validatorProfile/);
  });

  test('export then import elsewhere: the same effective values, now from the project file; a key is refused', async () => {
    const from = dir('from', { 'onexgen.config.yaml': `concurrency: 3\nmodel: project-model\nlearn_threshold: 0.9\n${LLM}` });
    const env = { ONEXGEN_TIER: 'cloud_premium', ZAI_API_KEY: 'zai-secret-KEY-never-exported' };
    const exported = join(tmp, 'team.yaml');
    const ex = await runInProcess(['config', 'export', '--out', exported], { cwd: from, env: { HOME: join(from, 'home'), ...env } });
    expect(ex.code).toBe(0);
    const text = readFileSync(exported, 'utf8');
    expect(text).not.toContain('zai-secret');
    expect(text).toContain('tier: cloud_premium');

    const to = dir('to');
    const im = await runInProcess(['config', 'import', exported], { cwd: to, env: { HOME: join(to, 'home') } });
    expect(im.stderr).toBe('');
    expect(im.code).toBe(0);
    const before = await effective(from, env);
    const after = await effective(to);
    const strip = (vs: Value[]) => vs.map(({ key, value }) => ({ key, value }));
    // the key variable implied provider/baseUrl/model in `from`'s env layer: exported as plain values
    expect(strip(after)).toEqual(strip(before));
    expect(after.filter((v) => v.key !== 'llm').every((v) => v.layer === 'project' || v.layer === 'default')).toBe(true);
    // a second import without --force leaves the file alone
    const again = await runInProcess(['config', 'import', exported], { cwd: to, env: { HOME: join(to, 'home') } });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');

    for (const [name, body, field] of [
      ['key.yaml', 'model: m\nllm:\n  providers:\n    zai: { kind: openai-compatible, apiKey: zai-secret-in-file }\n', 'llm.providers.zai.apiKey'],
      ['header.yaml', 'llm:\n  providers:\n    gw: { kind: openai-compatible, baseUrl: "http://gw/v1", headers: { Authorization: "Bearer sk-secret" } }\n', 'llm.providers.gw.headers.Authorization'],
      ['pw.yaml', 'db: postgres://u:secret-pw@h/db\n', 'db'],
      ['bad-llm.yaml', 'llm:\n  tiers:\n    cloud_fast: [{ provider: nowhere }]\n', 'llm'],
      ['bad.yaml', 'concurrency: many\n', 'concurrency'],
    ] as const) {
      const target = dir(`refuse-${name}`);
      writeFileSync(join(tmp, name), body);
      const r = await runInProcess(['config', 'import', join(tmp, name)], { cwd: target, env: { HOME: join(target, 'home') } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${name}: ${field}`);
      expect(existsSync(join(target, 'onexgen.config.yaml'))).toBe(false);
    }
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { createLLMClient } from '@onexgen/llm-effect';
import { assertKeysPresent } from '../src/cli/missing-key.js';
import { resolveCredentials } from '../src/config/env-layer.js';
import { methodConfig } from '@onexgen/pipeline';
import { loadConfig } from '../src/config/load-config.js';
import { llmSetup, PROVIDER_NAME } from '../src/llm/llm-layers.js';

const tmp = mkdtempSync(join(tmpdir(), 'onexgen-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, 'p-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('configuration cascade', () => {
  test('defaults < user file < project file < environment < flags < per-method overrides', () => {
    const dir = project({
      'home/.config/onexgen/config.yaml': 'tier: local\nconcurrency: 2\nmodel: user-model\nmax_attempts: 5\n',
      'onexgen.config.yaml': 'concurrency: 3\nmodel: project-model\ntimeout_ms: 1000\n',
    });
    const env = { HOME: join(dir, 'home'), ONEXGEN_MODEL: 'env-model', ONEXGEN_CONCURRENCY: '6' };
    const { config, origin, files } = loadConfig({ cwd: dir, env, flags: { concurrency: 9 } });
    expect(files).toHaveLength(2);
    expect(config).toMatchObject({ tier: 'local', maxAttempts: 5, timeoutMs: 1000, model: 'env-model', concurrency: 9, validatorProfile: 'onex-v2' });
    expect(origin).toMatchObject({ tier: 'user', maxAttempts: 'user', timeoutMs: 'project', model: 'env', concurrency: 'flag', validatorProfile: 'default' });
    const m = methodConfig(config, { tier: 'cloud_premium', prompt_additions: 'be careful', budget: { max_attempts: 2 } });
    expect(m).toMatchObject({ tier: 'cloud_premium', maxAttempts: 2, promptAdditions: 'be careful', model: 'env-model' });
  });

  test('a key variable implies its provider; the key itself never enters the configuration', () => {
    const { config } = loadConfig({ cwd: tmp, env: { HOME: tmp, ANTHROPIC_API_KEY: 'sk-ant-secret-1234' } });
    expect(config.provider).toBe('anthropic');
    expect(JSON.stringify(config)).not.toContain('sk-ant-secret-1234');
    expect(resolveCredentials({ ANTHROPIC_API_KEY: 'sk-ant-secret-1234' }, 'anthropic')).toEqual({
      apiKey: 'sk-ant-secret-1234',
      source: 'ANTHROPIC_API_KEY',
    });
    expect(loadConfig({ cwd: tmp, env: { HOME: tmp, OLLAMA_HOST: 'localhost:11434' } }).config).toMatchObject({
      provider: 'ollama',
      baseUrl: 'http://localhost:11434',
      tier: 'local',
    });
  });

  test('bad values name the file and field; keys in files are refused', () => {
    const bad = project({ 'onexgen.config.yaml': 'concurrency: many\n' });
    expect(() => loadConfig({ cwd: bad, env: { HOME: bad } })).toThrow(/onexgen\.config\.yaml: concurrency: /);
    const secret = project({ 'onexgen.config.json': '{"api_key": "abc"}' });
    expect(() => loadConfig({ cwd: secret, env: { HOME: secret } })).toThrow(/api_key: keys are read from environment variables only/);
    expect(() => loadConfig({ cwd: tmp, env: { HOME: tmp, ONEXGEN_TIER: 'gold' } })).toThrow(/environment tier/);
    expect(() => loadConfig({ cwd: tmp, env: { HOME: tmp }, configFile: 'missing.yaml' })).toThrow(/config file not found/);
  });

  test('experiments: arms with template directories and weights; a bad one names the arm', () => {
    const ok = project({ 'onexgen.config.yaml': 'no_learn: true\nexperiments:\n  - name: terse\n    arms:\n      - name: control\n      - { name: short, templates: prompts/short, weight: 2 }\n' });
    const { config } = loadConfig({ cwd: ok, env: { HOME: ok } });
    expect(config.noLearn).toBe(true);
    expect(config.experiments).toEqual([{ name: 'terse', enabled: true, arms: [{ name: 'control', weight: 1 }, { name: 'short', templates: 'prompts/short', weight: 2 }] }]);
    const bad = project({ 'onexgen.config.yaml': 'experiments:\n  - name: terse\n    arms: [{ name: a }, { name: a }]\n' });
    expect(() => loadConfig({ cwd: bad, env: { HOME: bad } })).toThrow(/onexgen\.config\.yaml: experiments\[0\]\.arms\[1\]\.name: duplicate arm "a"/);
  });
});

describe('a provider chosen by kind, without a base URL (--provider anthropic|gemini)', () => {
  test.each([
    ['anthropic', 'ANTHROPIC_API_KEY', 'https://api.anthropic.com/v1'],
    ['gemini', 'GEMINI_API_KEY', 'https://generativelanguage.googleapis.com/v1beta'],
    ['openai-compatible', 'ONEXGEN_API_KEY', 'https://api.openai.com/v1'],
  ] as const)('%s answers at its public endpoint; without its key the run names %s', (provider, variable, url) => {
    const env = { HOME: tmp, [variable]: 'k-1' };
    const loaded = loadConfig({ cwd: tmp, env, flags: { provider } });
    const setup = llmSetup(loaded, env, 'session-1')!;
    const client = createLLMClient(setup.layers, { env });
    expect(client.config.providers[PROVIDER_NAME]!.baseUrl).toBe(url);
    client.close();
    expect(() => assertKeysPresent(loaded, setup, env)).not.toThrow();
    const keyless = { HOME: tmp };
    const noKey = loadConfig({ cwd: tmp, env: keyless, flags: { provider } });
    expect(() => assertKeysPresent(noKey, llmSetup(noKey, keyless, 'session-2')!, keyless)).toThrow(variable);
  });
});

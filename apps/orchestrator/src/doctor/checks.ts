// The checks `onexgen doctor` runs, each one a call into the package that owns the thing checked:
// python-sandbox (Python and the ONEX runtime), metrics (database and migrations), llm-effect
// (providers). A check says what it saw and, when it failed, what to do.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_EMBEDDED_PATH, migrationStatus, openDatabase } from '@onexgen/metrics';
import { probeProviders, type ProviderProbe } from '@onexgen/llm-effect';
import { createSandbox, MIN_PYTHON } from '@onexgen/python-sandbox';
import { secretValues } from '../config/env-layer.js';
import type { LoadedConfig } from '../config/load-config.js';
import { dbKind, dbSource } from '../cli/db-target.js';
import { llmSetup, PROVIDER_NAME } from '../llm/llm-layers.js';
import { assertKeysPresent } from '../cli/missing-key.js';

export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
  /** the provider probe behind a provider check (no key in it) */
  probe?: ProviderProbe;
}

export interface DoctorInput {
  loaded: LoadedConfig;
  env: Record<string, string | undefined>;
  cwd: string;
  /** false: report the keys only, send no request */
  probeProviders: boolean;
  /** the Node version to judge (default this process's) */
  nodeVersion?: string;
}

/**
 * The Node range the packages declare in `engines` (`^20.11.0 || >=22`), as the doctor judges it:
 * 22 and later are supported; 20.11+ still works (the node matrix passes on it) but Node 20 left
 * upstream support in April 2026, so it is a warning; 21 and anything before 20.11 fail.
 * Written out by hand rather than matched with semver: three comparisons, and TOOLCHAIN.md says why.
 */
export const NODE_RANGE = '^20.11.0 || >=22';
export const MIN_NODE: readonly [number, number] = [20, 11];
const MOVE_TO = 'install Node 22 or 24 (LTS), e.g. `nvm install 24`';

export function checkNode(version: string): Check {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  if (major >= 22) return { name: 'node', status: 'ok', detail: `Node ${version}` };
  if (major === MIN_NODE[0] && minor >= MIN_NODE[1]) {
    return { name: 'node', status: 'warn', detail: `Node ${version}: works, but Node 20 left upstream support in April 2026`, fix: MOVE_TO };
  }
  return { name: 'node', status: 'fail', detail: `Node ${version} is outside the supported range ${NODE_RANGE}`, fix: MOVE_TO };
}

/** Python ≥ 3.10 and the ONEX runtime the sandbox would load (the bundled stand-in or the real omnibase_core). */
export async function checkPython(loaded: LoadedConfig, env: DoctorInput['env']): Promise<Check[]> {
  const sandbox = await createSandbox({ ...(loaded.config.python ? { python: loaded.config.python } : {}), secrets: secretValues(env) });
  try {
    const wanted = `Python ≥ ${MIN_PYTHON.join('.')}`;
    if (!sandbox.python) {
      return [
        {
          name: 'python',
          status: 'fail',
          detail: sandbox.unavailableReason ?? `no ${wanted}`,
          fix: `install ${wanted} (Debian: apt-get install python3) or name one with --python / \`python:\` in onexgen.config.yaml; without it spec examples are not run (verdict unchecked)`,
        },
      ];
    }
    const python: Check = { name: 'python', status: 'ok', detail: `Python ${sandbox.python.version} (${sandbox.python.path})` };
    if (!sandbox.available) {
      return [
        python,
        {
          name: 'onex runtime',
          status: 'fail',
          detail: `not importable: ${sandbox.unavailableReason ?? 'the sandbox worker did not start'}`,
          fix: 'reinstall @onexgen/python-sandbox (its runtime/ folder ships the omnibase_core stand-in), or install omnibase_core into that Python',
        },
      ];
    }
    const isolation = sandbox.networkIsolated ? 'network isolated' : `network NOT isolated (${sandbox.networkReason ?? 'unknown'})`;
    return [python, { name: 'onex runtime', status: 'ok', detail: `omnibase_core importable (${sandbox.runtime === 'real' ? 'the installed package' : 'the bundled stand-in'}); ${isolation}` }];
  } finally {
    await sandbox.close();
  }
}

/** Reachable, and every migration applied; never creates a database. */
export async function checkDatabase(loaded: LoadedConfig, cwd: string): Promise<Check> {
  const { db } = loaded.config;
  const kind = dbKind(db, dbSource(loaded.origin.db, loaded.files));
  if (kind === 'embedded') {
    const dir = resolve(cwd, db?.trim() || DEFAULT_EMBEDDED_PATH);
    if (!existsSync(join(dir, 'PG_VERSION'))) {
      return { name: 'database', status: 'fail', detail: `no database at ${dir} yet`, fix: `\`onexgen db migrate${db ? ` --db ${db}` : ''}\` creates it (so does the first generate or fill)` };
    }
  }
  let handle;
  try {
    handle = await openDatabase(db, { cwd, connectTimeoutSeconds: 5 });
  } catch (error) {
    return {
      name: 'database',
      status: 'fail',
      detail: `not reachable: ${(error as Error).message}`,
      fix: kind === 'postgres' ? 'check DATABASE_URL / --db (host, port, user, password) and that the server is running' : 'check the path, and that no other process holds the embedded database',
    };
  }
  try {
    const status = await migrationStatus(handle);
    if (status.pending > 0) {
      return { name: 'database', status: 'fail', detail: `${handle.location}: ${status.pending} of ${status.total} migration(s) not applied`, fix: '`onexgen db migrate` (runs also migrate on start)' };
    }
    return { name: 'database', status: 'ok', detail: `${handle.location} (${handle.kind}), migrated (${status.total}/${status.total})` };
  } catch (error) {
    return { name: 'database', status: 'fail', detail: `${handle.location}: ${(error as Error).message}`, fix: '`onexgen db migrate`' };
  } finally {
    await handle.close();
  }
}

function providerLabel(probe: ProviderProbe): string {
  return `${probe.provider === PROVIDER_NAME ? probe.kind : probe.provider} ${probe.model}`;
}

export async function checkProviders(loaded: LoadedConfig, env: DoctorInput['env'], probe: boolean): Promise<Check[]> {
  const setup = llmSetup(loaded, env, 'doctor');
  if (!setup) {
    return [
      {
        name: 'providers',
        status: 'warn',
        detail: 'none configured: runs are offline (learned templates, patterns and fallbacks only)',
        fix: 'set ZAI_API_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or OLLAMA_HOST, or give --provider/--base-url, or an `llm:` section in onexgen.config.yaml',
      },
    ];
  }
  try {
    // the chosen provider without its key: the same words a run would stop with
    assertKeysPresent(loaded, setup, env);
  } catch (error) {
    const message = (error as Error).message;
    return [{ name: 'providers', status: 'fail', detail: message, fix: message.replace(/^.*: (set .*)$/, '$1') }];
  }
  const probes = await probeProviders(setup.layers, { env, timeoutMs: Math.min(loaded.config.timeoutMs, 15_000), request: probe }).catch(
    (error: unknown) => error as Error,
  );
  if (probes instanceof Error) return [{ name: 'providers', status: 'fail', detail: probes.message, fix: 'fix the `llm:` section of the configuration file' }];
  return probes.map((p): Check => {
    const name = `provider ${providerLabel(p)}`;
    const key = p.key === 'present' ? `key from ${p.keyVariable ?? 'the configuration'} present` : p.key === 'missing' ? `key missing (${p.keyVariable})` : 'no key needed';
    if (p.ok && p.latencyMs === undefined) return { name, status: 'ok', detail: `${key} (not asked: --no-providers)`, probe: p };
    if (p.ok) {
      const cost = `$${(p.costUsd ?? 0).toFixed(6)}`;
      return { name, status: 'ok', detail: `${key}; answered in ${p.latencyMs} ms (${p.inputTokens}+${p.outputTokens} tokens, ${cost})`, probe: p };
    }
    return { name, status: 'fail', detail: `${key}; ${p.errorClass}: ${p.message ?? ''}`.trim(), ...(p.fix ? { fix: p.fix } : {}), probe: p };
  });
}

export async function runChecks(input: DoctorInput): Promise<Check[]> {
  const node = checkNode(input.nodeVersion ?? process.versions.node);
  const [python, database, providers] = await Promise.all([
    checkPython(input.loaded, input.env),
    checkDatabase(input.loaded, input.cwd),
    checkProviders(input.loaded, input.env, input.probeProviders),
  ]);
  return [node, ...python, database, ...providers];
}

// The configuration cascade: built-in defaults < user file < project onexgen.config.* < environment
// < flags (< per-method overrides in the spec, applied by methodConfig). Each value remembers its layer.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { OnexgenError } from '../errors.js';
import type { MethodOverride } from '@onexgen/onex';
import { formatPath } from '../spec/load-spec.js';
import { envLayer } from './env-layer.js';
import { ConfigLayerSchema, DEFAULTS, type ConfigLayer, type ResolvedConfig } from './schema.js';

export type LayerName = 'default' | 'user' | 'project' | 'env' | 'flag' | 'method';

export interface LoadedConfig {
  config: ResolvedConfig;
  /** which layer set each field */
  origin: Record<string, LayerName>;
  /** files read, in cascade order */
  files: string[];
  /** the files' `llm` sections in cascade order (deep-merged by llm-effect) */
  llmLayers: Record<string, unknown>[];
}

const PROJECT_FILES = ['onexgen.config.yaml', 'onexgen.config.yml', 'onexgen.config.json'];
const SECRET_KEYS = /^(api_?key|token|secret|password)$/i;

/** The path of the first key matching `pattern` in a parsed file, e.g. 'llm.providers.zai.apiKey'. */
export function keyPath(value: unknown, pattern: RegExp = SECRET_KEYS, path: string[] = []): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (pattern.test(k)) return [...path, k].join('.');
    const inner = keyPath(v, pattern, [...path, k]);
    if (inner) return inner;
  }
  return undefined;
}

/** snake_case → camelCase (files may use either). */
export function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function parseConfigFile(file: string): ConfigLayer {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8')) ?? {};
  } catch (cause) {
    throw new OnexgenError('CONFIG_INVALID', `${file}: ${(cause as Error).message.split('\n')[0]}`, { cause, where: file });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new OnexgenError('CONFIG_INVALID', `${file}: must be a mapping of options`, { where: file });
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  const secret = keyPath(raw);
  if (secret) {
    throw new OnexgenError(
      'CONFIG_INVALID',
      `${file}: ${secret}: keys are read from environment variables only (ONEXGEN_API_KEY, OPENAI_API_KEY, …; or name one with apiKeyEnv), never from files`,
      { where: `${file}: ${secret}` },
    );
  }
  const result = ConfigLayerSchema.safeParse(Object.fromEntries(entries.map(([k, v]) => [camel(k), v])));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new OnexgenError('CONFIG_INVALID', `${file}: ${formatPath(issue.path)}: ${issue.message}`, { cause: result.error, where: file });
  }
  return result.data;
}

function validated(layer: ConfigLayer, name: LayerName): ConfigLayer {
  const result = ConfigLayerSchema.safeParse(layer);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const label = name === 'env' ? 'environment' : name === 'flag' ? 'option' : name;
    throw new OnexgenError('CONFIG_INVALID', `${label} ${formatPath(issue.path)}: ${issue.message}`, { cause: result.error });
  }
  return result.data;
}

export interface LoadConfigOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** --config FILE replaces the project file lookup */
  configFile?: string;
  flags?: ConfigLayer;
  /** the user file; default $XDG_CONFIG_HOME/onexgen/config.yaml or ~/.config/onexgen/config.yaml */
  userFile?: string;
}

export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const layers: [LayerName, ConfigLayer][] = [['default', DEFAULTS]];
  const files: string[] = [];
  const home = options.env.HOME ?? homedir();
  const userFile = options.userFile ?? join(options.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'onexgen', 'config.yaml');
  if (existsSync(userFile)) {
    layers.push(['user', parseConfigFile(userFile)]);
    files.push(userFile);
  }
  const projectFile = options.configFile
    ? resolve(options.cwd, options.configFile)
    : PROJECT_FILES.map((f) => join(options.cwd, f)).find((f) => existsSync(f));
  if (options.configFile && !existsSync(projectFile!)) {
    throw new OnexgenError('CONFIG_INVALID', `${options.configFile}: config file not found`, { where: options.configFile });
  }
  if (projectFile) {
    layers.push(['project', parseConfigFile(projectFile)]);
    files.push(projectFile);
  }
  layers.push(['env', validated(envLayer(options.env), 'env')]);
  if (options.flags) layers.push(['flag', validated(options.flags, 'flag')]);
  const config: Record<string, unknown> = {};
  const origin: Record<string, LayerName> = {};
  const llmLayers: Record<string, unknown>[] = [];
  for (const [name, layer] of layers) {
    if (layer.llm) llmLayers.push(layer.llm);
    for (const [k, v] of Object.entries(layer)) {
      if (v === undefined || k === 'llm') continue;
      config[k] = v;
      origin[k] = name;
    }
  }
  return { config: config as ResolvedConfig, origin, files, llmLayers };
}

export interface MethodConfig extends ResolvedConfig {
  /** a model the spec names for this method: asked first, before the tier's chain */
  methodModel?: string;
  /** the llm-effect provider name for methodModel */
  methodProvider?: string;
  promptAdditions?: string;
  methodMaxTokens?: number;
  methodMaxCostUsd?: number;
}

/** The last layer: the spec's per-method overrides. */
export function methodConfig(base: ResolvedConfig, override: MethodOverride | undefined): MethodConfig {
  if (!override) return base;
  return {
    ...base,
    ...(override.tier ? { tier: override.tier } : {}),
    ...(override.model ? { model: override.model, methodModel: override.model } : {}),
    ...(override.provider ? { methodProvider: override.provider } : {}),
    ...(override.budget?.max_attempts ? { maxAttempts: override.budget.max_attempts } : {}),
    ...(override.prompt_additions ? { promptAdditions: override.prompt_additions } : {}),
    ...(override.budget?.max_tokens ? { methodMaxTokens: override.budget.max_tokens } : {}),
    ...(override.budget?.max_cost_usd ? { methodMaxCostUsd: override.budget.max_cost_usd } : {}),
  };
}

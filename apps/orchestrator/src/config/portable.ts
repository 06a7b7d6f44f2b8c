// The configuration as a person sees and moves it: every effective value with the layer it came
// from (`config show --effective`), a file holding the effective values (`config export`), and a file
// checked before it becomes the project's configuration (`config import`). No key is ever part of
// it: keys live in environment variables only, and a database URL's password is left out.
import { deepMerge, resolveLLMConfig, type LLMConfigLayer } from '@onexgen/llm-effect';
import { stringify } from 'yaml';
import { OnexgenError } from '../errors.js';
import { keyPath, parseConfigFile, type LayerName, type LoadedConfig } from './load-config.js';
import type { ConfigLayer } from './schema.js';

export interface EffectiveValue {
  key: string;
  value: unknown;
  layer: LayerName | 'files';
  /** the file a user or project value came from */
  file?: string;
}

/** `postgres://user:pw@host/db` → `postgres://user@host/db` (the password belongs in DATABASE_URL). */
export function withoutPassword(url: string): { url: string; removed: boolean } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^:@/]+):([^@/]*)@/i.exec(url);
  return m ? { url: url.replace(m[0], `${m[1]}${m[2]}@`), removed: true } : { url, removed: false };
}

function fileOf(loaded: LoadedConfig, layer: LayerName): string | undefined {
  if (layer === 'user') return loaded.files[0];
  if (layer === 'project') return loaded.files.at(-1);
  return undefined;
}

/** Every effective value, sorted by key, with its layer; the files' `llm` sections deep-merged. */
export function effectiveValues(loaded: LoadedConfig): EffectiveValue[] {
  const values: EffectiveValue[] = Object.entries(loaded.config)
    .filter(([, v]) => v !== undefined)
    .map(([key, value]) => {
      const layer = loaded.origin[key] ?? 'default';
      const shown = key === 'db' && typeof value === 'string' ? withoutPassword(value).url : value;
      const file = fileOf(loaded, layer);
      return { key, value: shown, layer, ...(file ? { file } : {}) };
    });
  if (loaded.llmLayers.length > 0) {
    values.push({ key: 'llm', value: loaded.llmLayers.reduce<unknown>((acc, l) => deepMerge(acc, l), {}), layer: 'files', file: loaded.files.join(', ') });
  }
  return values.sort((a, b) => a.key.localeCompare(b.key));
}

/** The effective configuration as one file layer (camelCase YAML) that `config import` accepts. */
export function exportLayer(loaded: LoadedConfig): { yaml: string; notes: string[] } {
  const notes: string[] = [];
  const layer: Record<string, unknown> = {};
  for (const v of effectiveValues(loaded)) {
    if (v.key === 'db' && typeof loaded.config.db === 'string' && withoutPassword(loaded.config.db).removed) {
      notes.push('db: the password was left out (give it through DATABASE_URL)');
    }
    layer[v.key] = v.value;
  }
  const header = `# onexgen configuration exported ${new Date().toISOString()}; no keys (they stay in environment variables)\n`;
  return { yaml: header + stringify(layer), notes };
}

/** Headers that carry a key (parseConfigFile already refuses apiKey/token/secret/password fields). */
const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key)$/i;

/**
 * Reads and checks a file to import: the app's schema (an error names the field), the `llm` section
 * through llm-effect's schema, no key under any name, no password in a database URL.
 */
export function checkImport(file: string): ConfigLayer {
  const layer = parseConfigFile(file);
  const header = keyPath(layer.llm, CREDENTIAL_HEADERS);
  if (header) {
    throw new OnexgenError('CONFIG_INVALID', `${file}: llm.${header}: a credential header is not imported; name the key's variable with apiKeyEnv`, { where: `${file}: llm.${header}` });
  }
  if (layer.db && withoutPassword(layer.db).removed) {
    throw new OnexgenError('CONFIG_INVALID', `${file}: db: a database URL with a password is not imported; give it through DATABASE_URL`, { where: `${file}: db` });
  }
  if (layer.llm) {
    try {
      resolveLLMConfig(layer.llm as LLMConfigLayer);
    } catch (cause) {
      throw new OnexgenError('CONFIG_INVALID', `${file}: llm: ${(cause as Error).message}`, { cause, where: `${file}: llm` });
    }
  }
  return layer;
}

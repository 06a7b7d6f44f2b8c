// Resolves a profile given as a built-in id, a file path (YAML or JSON) or an object, following
// `extends` chains. Later profiles override earlier ones key by key; lists are replaced whole.
import fs from 'node:fs';
import path from 'node:path';
import { parseYamlText, readDataFile } from '../data-files.js';
import { ValidatorError } from '../errors.js';
import { type ProfileFile, type ProfileInput, ProfileSchema, type ResolvedProfile } from './schema.js';

import { BUILT_IN_PROFILES } from './built-in.js';

export { BUILT_IN_PROFILES };

const DEFAULT_WEIGHTS = { syntax: 0.3, security: 0.25, compliance: 0.2, quality: 0.15, pattern: 0.1 };
const DEFAULT_PENALTIES = { error: 0.5, warning: 0.15, info: 0.03 };

export function loadProfile(spec: string | ProfileInput = 'onex-v2'): ResolvedProfile {
  return resolve(spec, process.cwd(), []);
}

function resolve(spec: string | ProfileInput, baseDir: string, seen: string[]): ResolvedProfile {
  const { file, dir, label } = read(spec, baseDir);
  if (seen.includes(label)) throw new ValidatorError('PROFILE_INVALID', `profile extends itself in a cycle: ${[...seen, label].join(' -> ')}`);
  const parent = file.extends ? resolve(file.extends, dir, [...seen, label]) : undefined;
  return merge(parent, file, dir);
}

function read(spec: string | ProfileInput, baseDir: string): { file: ProfileFile; dir: string; label: string } {
  if (typeof spec !== 'string') return { file: check(spec, 'profile object'), dir: baseDir, label: `object:${String(spec.id)}` };
  if ((BUILT_IN_PROFILES as readonly string[]).includes(spec)) {
    // compiled to JSON at build (already checked); relative paths in it stay relative to the YAML's directory
    const { data, source } = readDataFile(`profiles/${spec as (typeof BUILT_IN_PROFILES)[number]}`, ProfileSchema);
    return { file: data as ProfileFile, dir: path.dirname(source), label: source };
  }
  const file = path.resolve(baseDir, spec);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ValidatorError(
      'PROFILE_NOT_FOUND',
      `profile "${spec}" is neither a built-in profile (${BUILT_IN_PROFILES.join(', ')}) nor a readable file (${file})`,
      { cause },
    );
  }
  let data: unknown;
  try {
    data = parseYamlText(text);
  } catch (cause) {
    throw new ValidatorError('PROFILE_INVALID', `profile file ${file} is not valid YAML/JSON: ${(cause as Error).message}`, { cause });
  }
  return { file: check(data, file), dir: path.dirname(file), label: file };
}

function check(data: unknown, where: string): ProfileFile {
  const parsed = ProfileSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const at = first?.path.length ? first.path.join('.') : '(root)';
    throw new ValidatorError('PROFILE_INVALID', `invalid profile in ${where}: ${at}: ${first?.message ?? 'invalid'}`, { cause: parsed.error });
  }
  return parsed.data;
}

function merge(parent: ResolvedProfile | undefined, file: ProfileFile, dir: string): ResolvedProfile {
  const apiIndex = file.apiIndex === undefined ? parent?.apiIndex : file.apiIndex === false ? undefined : path.resolve(dir, file.apiIndex);
  if (file.apiIndex && !fs.existsSync(apiIndex!)) {
    throw new ValidatorError('PROFILE_INVALID', `invalid profile ${file.id}: apiIndex: no such file ${apiIndex} (build one with onexgen-validate api-index)`);
  }
  const rules = { ...(parent?.rules ?? {}) };
  for (const [id, setting] of Object.entries(file.rules)) {
    const before = rules[id];
    rules[id] = { ...before, ...setting, options: { ...before?.options, ...setting.options } };
  }
  return {
    id: file.id,
    description: file.description || parent?.description || '',
    lineage: [...(parent?.lineage ?? []), file.id],
    weights: { ...DEFAULT_WEIGHTS, ...parent?.weights, ...file.score?.weights },
    penalties: { ...DEFAULT_PENALTIES, ...parent?.penalties, ...file.score?.penalties },
    rules,
    security: { ...parent?.security, ...file.security },
    onex: { ...parent?.onex, ...file.onex },
    ...(apiIndex ? { apiIndex } : {}),
    api: { ...parent?.api, ...file.api },
    patterns: { ...parent?.patterns, ...file.patterns },
    variants: { ...parent?.variants, ...file.variants },
  };
}

// Which identifiers name a secret, and which strings look like a provider key. The word lists
// come from the profile (data/profiles/generic-python.yaml `security`); key shapes are @onexgen/onex's
// KEY_SHAPES plus any a profile adds.
import { KEY_SHAPES } from '@onexgen/onex';
import type { ResolvedProfile } from '../../profiles/schema.js';

export interface SecretMatcher {
  isSecretName(name: string): boolean;
  keyShape(value: string): string | undefined;
}

const cache = new WeakMap<ResolvedProfile, SecretMatcher>();

export function secretMatcher(profile: ResolvedProfile): SecretMatcher {
  let m = cache.get(profile);
  if (!m) cache.set(profile, (m = build(profile)));
  return m;
}

/** 'apiKey' / 'API_KEY' / 'api-key' → 'api_key' */
export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

function build(profile: ResolvedProfile): SecretMatcher {
  const words = (profile.security.secretNames ?? []).map(snake);
  const excludes = (profile.security.secretNameExcludes ?? []).map(snake);
  const shapes = [...KEY_SHAPES, ...(profile.security.keyShapes ?? [])].map((s) => ({ name: s.name, regex: new RegExp(s.regex) }));
  const verdicts = new Map<string, boolean>();
  const decide = (name: string): boolean => {
    const parts = snake(name).split('_').filter(Boolean);
    const joined = parts.join('_');
    // a whole-word match ("db_password", "api_key"), never a substring ("tokenizer", "passport")
    const hit = words.some((w) => {
      const wp = w.split('_');
      for (let i = 0; i + wp.length <= parts.length; i++) if (wp.every((p, k) => parts[i + k] === p)) return true;
      return false;
    });
    if (!hit) return false;
    // "token_type", "password_field", "api_key_header" name something about the secret, not the secret
    return !excludes.some((x) => joined === x || joined.endsWith(`_${x}`) || parts.includes(x));
  };
  return {
    isSecretName(name) {
      let v = verdicts.get(name);
      if (v === undefined) verdicts.set(name, (v = decide(name)));
      return v;
    },
    keyShape(value) {
      return shapes.find((s) => s.regex.test(value))?.name;
    },
  };
}

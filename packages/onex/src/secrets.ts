// Strings shaped like a provider key, token or password-bearing URL: one list, used by the
// validator's `security/hardcoded-secret` rule (a whole string literal of this shape) and by
// everything that keeps secrets out of what persists (model answers are scrubbed with
// `scrubKeyShapes` before injection, caching or learning; a learned template holding a shape or the
// scrub marker is refused). Shapes from the providers' documented key formats.

export interface KeyShape {
  /** what a finding calls it ("OpenAI API key") */
  readonly name: string;
  /** matches a whole string literal of that shape */
  readonly regex: string;
}

export const KEY_SHAPES: readonly KeyShape[] = [
  // Anthropic before OpenAI: an Anthropic key also has OpenAI's looser shape
  { name: 'Anthropic API key', regex: '^sk-ant-[A-Za-z0-9_-]{20,}$' },
  { name: 'OpenAI API key', regex: '^sk-(proj-|svcacct-)?[A-Za-z0-9_-]{20,}$' },
  { name: 'GitHub token', regex: '^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$' },
  { name: 'GitHub fine-grained token', regex: '^github_pat_[A-Za-z0-9_]{40,}$' },
  { name: 'AWS access key id', regex: '^(AKIA|ASIA)[0-9A-Z]{16}$' },
  { name: 'Slack token', regex: '^xox[abprs]-[A-Za-z0-9-]{10,}$' },
  { name: 'Google API key', regex: '^AIza[0-9A-Za-z_-]{35}$' },
  { name: 'GitLab token', regex: '^glpat-[A-Za-z0-9_-]{20,}$' },
  { name: 'Stripe secret key', regex: '^(sk|rk)_live_[A-Za-z0-9]{20,}$' },
  { name: 'private key block', regex: '-----BEGIN ([A-Z]+ )?PRIVATE KEY-----' },
  { name: 'JSON Web Token', regex: '^(Bearer\\s+)?eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}$' },
  { name: 'bearer token', regex: '^(Bearer|Token)\\s+[A-Za-z0-9._~+/=-]{20,}$' },
  { name: 'connection URL with an embedded password', regex: '^[a-z][a-z0-9+.-]*://[^:/@\\s]+:[^@/\\s]{3,}@' },
];

/** What a scrubbed secret is replaced by; a text holding it once held a secret. */
export const SECRET_MARKER = '[REDACTED]';

/**
 * The values a run must never let out (keys, key-bearing hosts), as the one list every redaction
 * of the run applies: each value once, only those of 4 characters or more (a shorter one would mask
 * ordinary text), longest first (a value inside a longer one cannot leave the longer one half shown).
 */
export function redactionList(values: Iterable<string | undefined>): string[] {
  const kept = new Set<string>();
  for (const value of values) if (value !== undefined && value.length >= 4) kept.add(value);
  return [...kept].sort((a, b) => b.length - a.length);
}

/** Every occurrence of a listed value in `text` replaced by `marker` (empty list entries are skipped). */
export function redactValues(text: string, list: readonly string[], marker: string = SECRET_MARKER): string {
  let out = text;
  for (const value of list) if (value.length > 0 && out.includes(value)) out = out.split(value).join(marker);
  return out;
}

// The same shapes found anywhere in free text (an answer, a comment): the anchors become "not
// inside a longer token", and a private key is cut from its BEGIN line to its END line.
const TOKEN_EDGE_BEFORE = '(?<![A-Za-z0-9_.~+/=-])';
const TOKEN_EDGE_AFTER = '(?![A-Za-z0-9_~+/=-])';
const scanners: readonly { name: string; regex: RegExp }[] = KEY_SHAPES.map((shape) => {
  if (shape.name === 'private key block') {
    return { name: shape.name, regex: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----[\s\S]*?(-----END ([A-Z]+ )?PRIVATE KEY-----|$)/g };
  }
  const body = shape.regex.replace(/^\^/, '').replace(/\$$/, '');
  const anchoredEnd = shape.regex.endsWith('$');
  return { name: shape.name, regex: new RegExp(`${TOKEN_EDGE_BEFORE}(?:${body})${anchoredEnd ? TOKEN_EDGE_AFTER : ''}`, 'g') };
});

export interface ScrubResult {
  text: string;
  /** the shape names found (one entry per occurrence), never the values */
  found: string[];
}

/** Every key-shaped string in `text` replaced by {@link SECRET_MARKER}. */
export function scrubKeyShapes(text: string): ScrubResult {
  const found: string[] = [];
  let out = text;
  for (const { name, regex } of scanners) {
    regex.lastIndex = 0;
    if (!regex.test(out)) continue;
    out = out.replace(regex, (match) => {
      // a connection URL keeps its scheme and host: only the credentials go
      found.push(name);
      const url = /^([a-z][a-z0-9+.-]*:\/\/)[^:/@\s]+:[^@/\s]{3,}@/.exec(match);
      return url ? `${url[1]}${SECRET_MARKER}@` : SECRET_MARKER;
    });
  }
  return { text: out, found };
}

/** True when `text` holds a key-shaped string or the marker a scrub leaves: it held a secret. */
export function heldSecret(text: string): boolean {
  return text.includes(SECRET_MARKER) || scrubKeyShapes(text).found.length > 0;
}

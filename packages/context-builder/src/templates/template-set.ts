// The six section templates: the shipped ones, each replaceable by a file of the same name
// (`<section>.mustache`) in a directory the user names. Loaded and parse-checked once per
// directory; rendering never HTML-escapes (a prompt is not a web page).
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import Mustache from 'mustache';
import { SECTION_IDS, type SectionId } from '@onexgen/onex';
import { TEMPLATES_DIR } from '../data-dir.js';
import { ContextBuilderError } from '../errors.js';

export interface TemplateSet {
  /** where each template came from */
  readonly sources: Readonly<Record<SectionId, string>>;
  /**
   * `<name>@<hash>`: the set's name (`default` for the shipped templates, else the user directory's
   * name) and the first 12 hex digits of the SHA-256 of the six texts in section order. Recorded on
   * every generation, so metrics and evals can compare prompt versions; any edit changes it.
   */
  readonly version: string;
  render(id: SectionId, view: object): string;
}

const loaded = new Map<string, TemplateSet>();
const NO_ESCAPE = { escape: (value: unknown) => String(value) };

function readTemplate(path: string): string {
  const text = readFileSync(path, 'utf8');
  try {
    Mustache.parse(text); // throws on unclosed sections/tags; cached by mustache for render
  } catch (cause) {
    throw new ContextBuilderError('TEMPLATE_INVALID', `template ${path} is not valid mustache: ${(cause as Error).message}`, { cause });
  }
  return text;
}

/** Loads the templates, `userDir` overriding the shipped ones file by file. */
export function loadTemplateSet(userDir?: string): TemplateSet {
  const key = userDir ?? '';
  const hit = loaded.get(key);
  if (hit) return hit;
  if (userDir && !existsSync(userDir)) {
    throw new ContextBuilderError('TEMPLATE_MISSING', `templates directory ${userDir} does not exist`);
  }
  const texts = {} as Record<SectionId, string>;
  const sources = {} as Record<SectionId, string>;
  for (const id of SECTION_IDS) {
    const user = userDir ? join(userDir, `${id}.mustache`) : undefined;
    const path = user && existsSync(user) ? user : join(TEMPLATES_DIR, `${id}.mustache`);
    if (!existsSync(path)) throw new ContextBuilderError('TEMPLATE_MISSING', `template ${path} is missing`);
    texts[id] = readTemplate(path);
    sources[id] = path;
  }
  const hash = createHash('sha256');
  for (const id of SECTION_IDS) hash.update(`${id}\0${texts[id]}\0`);
  const name = userDir ? basename(userDir) : 'default';
  const set: TemplateSet = {
    sources,
    version: `${name}@${hash.digest('hex').slice(0, 12)}`,
    render: (id, view) => normalizeSection(Mustache.render(texts[id], view, {}, NO_ESCAPE)),
  };
  loaded.set(key, set);
  return set;
}

/**
 * Optional blocks leave blank lines behind: at most one blank line in a row, no trailing spaces,
 * exactly one final newline. Also what makes the section boundaries token-exact (see token-segments.ts in @onexgen/onex).
 */
export function normalizeSection(text: string): string {
  // the indexOf guards skip the regexes in the common case: a regex over every run of code
  // indentation was the single most expensive step of a build
  let out = text;
  if (out.includes(' \n') || out.includes('\t\n')) out = out.replace(/[ \t]+\n/g, '\n');
  if (out.includes('\n\n\n')) out = out.replace(/\n{3,}/g, '\n\n');
  return `${out.trim()}\n`;
}

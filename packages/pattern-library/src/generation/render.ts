import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import { DATA_DIR } from '../data-dir.js';
import { PatternLibraryError } from '../errors.js';

export const TEMPLATES_DIR = join(DATA_DIR, 'templates');

const cache = new Map<string, string>();

/** Reads data/templates/<name>.mustache once per process. */
export function loadTemplate(name: string, dir: string = TEMPLATES_DIR): string {
  const file = join(dir, `${name}.mustache`);
  let text = cache.get(file);
  if (text === undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (cause) {
      throw new PatternLibraryError('TEMPLATE_MISSING', `template ${file} cannot be read`, { cause });
    }
    cache.set(file, text);
  }
  return text;
}

/** Renders Python, so nothing is HTML-escaped; values are checked identifiers or code we built. */
export function renderPython(template: string, view: object, tags?: [string, string]): string {
  return Mustache.render(template, view, {}, { escape: (value: unknown) => String(value), ...(tags ? { tags } : {}) });
}

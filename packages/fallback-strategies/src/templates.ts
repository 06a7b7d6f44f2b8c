import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import { TEMPLATES_DIR } from './data-dir.js';
import { FallbackError } from './errors.js';

// Templates render Python and prompts, never HTML: HTML escaping would turn `"` into `&quot;`.
// Every value put into Python is made safe before rendering (identifiers checked, strings as
// literals, comments on one line), so the templates insert them verbatim.
const VERBATIM = { escape: (text: string) => text };
const cache = new Map<string, string>();

function load(name: string): string {
  let template = cache.get(name);
  if (template === undefined) {
    const path = join(TEMPLATES_DIR, name);
    try {
      template = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new FallbackError('TEMPLATE_UNREADABLE', `cannot read template ${path}`, { cause });
    }
    cache.set(name, template);
  }
  return template;
}

/** Renders `templates/<name>` with `view`; `partials` are other template file names by tag. */
export function renderTemplate(name: string, view: object, partials: Record<string, string> = {}): string {
  const loaded = Object.fromEntries(Object.entries(partials).map(([tag, file]) => [tag, load(file)]));
  return Mustache.render(load(name), view, loaded, VERBATIM);
}

import { pascal, pluralize } from '../generation/naming.js';

// Turns a learned body into a mustache template: the names that vary between tasks (the entity in
// its spellings, the class name) become parameters. This is text substitution on word boundaries
// for templating, not parsing: the body was already parsed and validated when it was generated.

export const DEFAULT_TAGS: [string, string] = ['<%', '%>'];
const FALLBACK_TAGS: [string, string] = ['[[@', '@]]'];

export interface EntityForms {
  entity: string;
  entities: string;
  Entity: string;
  Entities: string;
  ENTITY: string;
  ENTITIES: string;
}

export function entityForms(entity: string): EntityForms {
  const plural = pluralize(entity);
  return {
    entity,
    entities: plural,
    Entity: pascal(entity),
    Entities: pascal(plural),
    ENTITY: entity.toUpperCase(),
    ENTITIES: plural.toUpperCase(),
  };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Word boundaries for each spelling: snake/UPPER parts end at '_' or any non-alphanumeric;
// Pascal parts may sit inside camelCase (getUserName) but not inside a longer capitalised word.
const BOUNDARY: Record<keyof EntityForms, [string, string]> = {
  entities: ['(?<![a-z0-9])', '(?![a-z0-9])'],
  entity: ['(?<![a-z0-9])', '(?![a-z0-9])'],
  Entities: ['(?<![A-Z])', '(?![a-z])'],
  Entity: ['(?<![A-Z])', '(?![a-z])'],
  ENTITIES: ['(?<![A-Z0-9])', '(?![A-Z0-9])'],
  ENTITY: ['(?<![A-Z0-9])', '(?![A-Z0-9])'],
};
// plural spellings first, so "users" is not read as "user" + "s"
const ORDER: (keyof EntityForms)[] = ['entities', 'Entities', 'ENTITIES', 'entity', 'Entity', 'ENTITY'];

export interface Parameterized {
  body: string;
  tags: [string, string];
  /** names of the parameters that occur in body */
  parameters: string[];
}

export function parameterize(code: string, entity: string, className?: string): Parameterized {
  const tags = code.includes(DEFAULT_TAGS[0]) || code.includes(DEFAULT_TAGS[1]) ? FALLBACK_TAGS : DEFAULT_TAGS;
  const tag = (name: string): string => `${tags[0]}${name}${tags[1]}`;
  const used = new Set<string>();
  let body = code;
  if (className && body.includes(className)) {
    body = body.replace(new RegExp(`(?<![A-Za-z0-9_])${escapeRe(className)}(?![A-Za-z0-9_])`, 'g'), () => {
      used.add('className');
      return tag('className');
    });
  }
  if (entity) {
    const forms = entityForms(entity);
    for (const name of ORDER) {
      const [before, after] = BOUNDARY[name];
      body = body.replace(new RegExp(`${before}${escapeRe(forms[name])}${after}`, 'g'), () => {
        used.add(name);
        return tag(name);
      });
    }
  }
  return { body, tags, parameters: [...used].sort() };
}

// The shipped eval suite (examples/eval) as the tests use it: where it is, and each method's
// reference body (examples/eval/reference/*.yaml), which passes every example of its spec.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const SUITE = fileURLToPath(new URL('../../../../examples/eval/', import.meta.url));

/** method name → reference body */
export const REFERENCE: Record<string, string> = Object.assign(
  {},
  ...readdirSync(join(SUITE, 'reference')).map((f) => parse(readFileSync(join(SUITE, 'reference', f), 'utf8')) as Record<string, string>),
);

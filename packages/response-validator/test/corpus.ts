// Loads the labelled security corpus (fixtures/security-corpus-*.yaml): each sample's code, the
// rule expected (or 'clean') and the line carrying the `# expected-finding` marker.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const SampleSchema = z.strictObject({ id: z.string(), expect: z.string(), code: z.string() });
const CorpusSchema = z.strictObject({ samples: z.array(SampleSchema) });

export interface CorpusSample {
  id: string;
  expect: string;
  code: string;
  /** 1-based line of the marker; undefined for clean samples */
  line?: number;
}

export function loadCorpus(pattern = /^security-corpus-.*\.yaml$/): CorpusSample[] {
  const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
  return fs
    .readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .flatMap((f) => CorpusSchema.parse(parse(fs.readFileSync(dir + f, 'utf8'))).samples)
    .map((s) => {
      const index = s.code.split('\n').findIndex((l) => l.includes('# expected-finding'));
      return { ...s, ...(index >= 0 ? { line: index + 1 } : {}) };
    });
}

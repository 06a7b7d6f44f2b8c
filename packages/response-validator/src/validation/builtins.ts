// Python's always-available names (data/python/builtins.yaml, compiled to JSON at build), read once per process.
import { z } from 'zod';
import { readDataFile } from '../data-files.js';

export const BuiltinsFileSchema = z.object({ names: z.array(z.string()) });

let names: ReadonlySet<string> | undefined;

export function pythonBuiltins(): ReadonlySet<string> {
  names ??= new Set((readDataFile('python/builtins', BuiltinsFileSchema).data as z.infer<typeof BuiltinsFileSchema>).names);
  return names;
}

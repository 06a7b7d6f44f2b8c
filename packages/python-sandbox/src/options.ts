// The package's input boundary: sandbox options and run requests, validated with zod so that a
// bad value fails with the path of the field that is wrong.
import { isAbsolute, normalize } from 'node:path';
import { methodExamplesSchema } from '@onexgen/onex';
import { z } from 'zod';

export interface SandboxLimits {
  exampleTimeoutMs: number;
  methodTimeoutMs: number;
  memoryBytes: number;
  outputBytes: number;
  reprChars: number;
}

export const DEFAULT_LIMITS: Readonly<SandboxLimits> = {
  /** Wall time of one example, from its start (the first also pays the package import). */
  exampleTimeoutMs: 5000,
  /** Wall time of all examples of one method. */
  methodTimeoutMs: 30000,
  /** Address-space limit of the child (RLIMIT_AS), set before the user's code is imported. */
  memoryBytes: 1 << 30,
  /** Cap of the child's captured stdout+stderr (RLIMIT_FSIZE on the capture file). */
  outputBytes: 65536,
  /** Cap of each `actual` repr and error message, in characters. */
  reprChars: 2000,
};

export const limitsSchema = z
  .strictObject({
    exampleTimeoutMs: z.number().int().min(10).max(600_000),
    methodTimeoutMs: z.number().int().min(10).max(3_600_000),
    memoryBytes: z.number().int().min(64 * 1024 * 1024),
    outputBytes: z.number().int().min(1024),
    reprChars: z.number().int().min(16).max(1_000_000),
  })
  .partial();

export const sandboxOptionsSchema = z.strictObject({
  /** Interpreter path; default: the first python3 / python ≥ 3.10 on PATH. */
  python: z.string().min(1).optional(),
  limits: limitsSchema.optional(),
  /** Values that must never reach the child (its environment is stripped anyway). */
  secrets: z.array(z.string()).optional(),
  /** ONEX runtime: the bundled stand-in, the interpreter's real omnibase_core, or detect. */
  runtime: z.enum(['stand-in', 'real', 'auto']).default('auto'),
  /** Network isolation: `auto` uses a network namespace where the kernel allows one. */
  network: z.enum(['auto', 'off']).default('auto'),
  /** When the worker runs as root, run the user's code as `nobody` where that user can read the interpreter. */
  dropPrivileges: z.boolean().default(true),
});

export type SandboxOptions = z.input<typeof sandboxOptionsSchema>;

const relativeFilePath = z
  .string()
  .min(1)
  .refine((p) => !isAbsolute(p) && !normalize(p).startsWith('..') && !p.includes('\0'), {
    message: 'must be a relative path inside the package',
  });

const pythonIdentifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier');

export const runMethodSchema = z.strictObject({
  /** The node package's files by relative path (node.py, models/__init__.py, …). */
  files: z.record(relativeFilePath, z.string()),
  /** Module to import, relative to the package (`node`, `sub.module`). */
  module: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'must be a dotted Python module path'),
  className: pythonIdentifier,
  method: pythonIdentifier,
  examples: methodExamplesSchema,
  /** The package's import name (generated code may import itself absolutely); default `node_under_test`. */
  packageName: pythonIdentifier.optional(),
  /** Per-run limits, over the sandbox's. */
  limits: limitsSchema.optional(),
  signal: z.instanceof(AbortSignal).optional(),
});

export type RunMethodInput = z.input<typeof runMethodSchema>;

/** A zod error as one line per issue, each naming its path. */
export function describeZodError(error: z.ZodError, root: string): string {
  const lines = (issues: readonly z.core.$ZodIssue[], prefix: string[]): string[] =>
    issues.flatMap((i) => {
      const path = [...prefix, ...i.path.map(String)];
      // A record key that fails says only "Invalid key in record"; its own issues say why.
      if (i.code === 'invalid_key') return lines(i.issues, path);
      return [`${path.join('.')}: ${i.message}`];
    });
  return lines(error.issues, [root]).join('; ');
}

// Spec examples: the behaviour a method must show, as data. The sandbox runs them, the generated
// pytest file is written from them, and a failing one becomes a validation issue that re-asks.
import { z } from 'zod';

/** A Python identifier (an example's `given` keys are keyword-argument names). */
const pythonIdentifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier');

/**
 * Test-double data an effect example may give: rows the recording pool returns, answers of
 * HTTP-like clients, keyed by the double's method name (`fetchrow`, `fetch`, `execute`, …).
 * Each value is a list consumed in call order; the last entry repeats.
 */
export const exampleIoSchema = z.record(z.string(), z.array(z.unknown()));

const exampleBase = {
  /** Keyword arguments of the call, by parameter name (an operation's single one is `input_data`). */
  given: z.record(pythonIdentifier, z.unknown()),
  /** Optional name shown in reports and test names. */
  name: z.string().min(1).max(120).optional(),
  io: exampleIoSchema.optional(),
};

/** `raises`: an `EnumCoreErrorCode` member (ModelOnexError with that code) or a Python exception class. */
const raisesName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'must name an EnumCoreErrorCode member or a Python exception class');

export const methodExampleSchema = z.union([
  z.strictObject({ ...exampleBase, expect: z.unknown() }).refine((e) => 'expect' in e, {
    message: 'an example needs `expect` or `raises`',
  }),
  z.strictObject({ ...exampleBase, raises: raisesName }),
]);

export type MethodExample = z.infer<typeof methodExampleSchema>;
export const methodExamplesSchema = z.array(methodExampleSchema).max(200);

/** True when the example expects an exception rather than a value. */
export function expectsRaise(example: MethodExample): example is MethodExample & { raises: string } {
  return typeof (example as { raises?: unknown }).raises === 'string';
}

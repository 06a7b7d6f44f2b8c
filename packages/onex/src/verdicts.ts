// What was checked about a generated method, said honestly (the summary, --json, exit codes and
// metrics all use these words).
import { z } from 'zod';

/**
 * - `passed`: static validation and every example of the spec ran and passed in the sandbox
 * - `passed-static`: static validation passed; the spec gives no examples for the method
 * - `failed`: the model was asked and no answer passed; the body written is a marked fallback
 * - `incomplete`: a template or partial fallback (marked `# IMPLEMENTATION REQUIRED`), no model asked
 * - `unchecked`: static validation passed, examples exist, but no Python ran them
 */
export const VERDICTS = ['passed', 'passed-static', 'failed', 'incomplete', 'unchecked'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const verdictSchema = z.enum(VERDICTS);
/** The verdicts that count as working code (a "passed" rate never counts `incomplete`). */
export const PASSING_VERDICTS: readonly Verdict[] = ['passed', 'passed-static'];

// Where a run's checks of model answers, of the code it reuses and of the generated package happen:
// on the session's validation thread when it has one, else on this thread. The verdicts are the
// same either way (the thread runs the same validators); the thread keeps this one free for
// prompts and model calls meanwhile. A thread that fails hands its work back to this one.
import type { ValidationContext, ValidationResult, Validator } from '@onexgen/response-validator';
import type { ParsedFragment } from '@onexgen/response-validator';
import type { PackageValidator } from '../skeleton/check-package.js';
import type { Session } from './session.js';

type ResponseResult = ReturnType<Validator['validateResponse']>;

/** A model answer extracted and validated (Validator.validateResponse). */
export async function validateAnswer(session: Session, answer: string, context: ValidationContext): Promise<ResponseResult> {
  const thread = session.validatorThread;
  if (!thread) return session.validator.validateResponse(answer, context);
  return orHere(session, thread.validator('run').validateResponse(answer, context), () => session.validator.validateResponse(answer, context));
}

/** Code the run wrote itself (pattern code, a learned template) validated (Validator.validate). */
export async function validateCode(session: Session, code: string, context: ValidationContext): Promise<ValidationResult> {
  const thread = session.validatorThread;
  if (!thread) return session.validator.validate(code, context);
  return orHere(session, thread.validator('run').validate(code, context), () => session.validator.validate(code, context));
}

/** The body an accepted answer's validation parsed, from whichever validator checked it. */
export function parsedBodyOf(session: Session, result: ValidationResult): ParsedFragment | undefined {
  return session.validatorThread?.validator('run').parsedBody(result) ?? session.validator.parsedBody?.(result);
}

/** The validator of the generated package's last gate (checkGeneratedPackage). */
export function packageValidatorOf(session: Session): PackageValidator {
  const here = session.packageValidator ?? session.validator;
  const thread = session.validatorThread;
  if (!thread) return here;
  return { validate: (code, context) => orHere(session, thread.validator('package').validate(code, context), () => here.validate(code, context)) };
}

/** The thread's answer; when the thread itself failed (not the check: a stopped run stays stopped), this thread's. */
async function orHere<T>(session: Session, there: Promise<T>, here: () => T | Promise<T>): Promise<T> {
  try {
    return await there;
  } catch (err) {
    if ((err as { code?: string }).code !== 'THREAD_FAILED' || session.signal?.aborted) throw err;
    return here();
  }
}

// The validation thread (started by startValidatorThread): it holds its own parser and the
// validators it was given, answers one request at a time in arrival order, and sends back the
// result with the body's parse (for the caller's parsedBody), or the error's name, code and message.
import { parentPort, workerData } from 'node:worker_threads';
import { createValidator } from './validation/validator.js';
import type { Validator } from './validation/validation-types.js';
import type { TravellingFragment, ValidatorReply, ValidatorRequest, ValidatorThreadData } from './thread/protocol.js';

const { validators: options } = workerData as ValidatorThreadData;
const validators = new Map<string, Promise<Validator>>();

function validatorFor(key: string): Promise<Validator> {
  let v = validators.get(key);
  if (!v) {
    const o = options[key];
    v = o ? createValidator(o) : Promise.reject(new Error(`no validator named ${JSON.stringify(key)} on this thread`));
    validators.set(key, v);
  }
  return v;
}

async function answer(request: ValidatorRequest): Promise<ValidatorReply> {
  try {
    const validator = await validatorFor(request.key);
    if (request.op === 'validate') return { id: request.id, ok: true, result: validator.validate(request.code, request.context) };
    const result = validator.validateResponse(request.answer, request.context);
    const parsed = validator.parsedBody?.(result);
    if (!parsed) return { id: request.id, ok: true, result };
    const { mapPosition: _dropped, ...wrapper } = parsed.wrapper;
    const body: TravellingFragment = { ...parsed, wrapper };
    return { id: request.id, ok: true, result, body };
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string };
    return { id: request.id, ok: false, error: { name: e.name ?? 'Error', ...(e.code ? { code: e.code } : {}), message: e.message ?? String(err) } };
  }
}

// Requests are answered in order: each waits for the one before (validation is synchronous, so a
// chain costs nothing and keeps the validators' creation from racing).
let last: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (request: ValidatorRequest) => {
  last = last.then(() => answer(request).then((reply) => parentPort!.postMessage(reply)));
});

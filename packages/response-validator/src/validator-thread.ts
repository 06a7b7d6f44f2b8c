// The validation thread (started by startValidatorThread): it holds its own parser and the
// validators it was given, answers one request at a time in arrival order, and sends back the
// result with the body's parse (for the caller's parsedBody), or the error's name, code and message.
// It also runs the named operations of the extension modules it was given (with the same parser).
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { loadPythonParser } from './parser/index.js';
import { createValidator } from './validation/validator.js';
import type { Validator } from './validation/validation-types.js';
import type { ThreadOperations, ValidatorReply, ValidatorRequest, ValidatorThreadData } from './thread/protocol.js';
import { packFragment } from './thread/travelling-fragment.js';

const { extensions, rememberParses } = workerData as ValidatorThreadData;
let options = (workerData as ValidatorThreadData).validators;
// set before any request parses (the first callback on the parser's promise); a parser that fails
// to load is reported by every request that needs it
if (rememberParses > 0) loadPythonParser().then((parser) => parser.rememberParses(rememberParses), () => undefined);
const validators = new Map<string, Promise<Validator>>();
let operations: Promise<Map<string, ThreadOperations[string]>> | undefined;

/**
 * A new owner's validators (the thread is reused: its parser, loaded modules and compiled code stay
 * warm). Validators are created again on first use, so a profile file is read afresh; the parser
 * forgets the previous owner's parses; extensions that failed to load are tried again.
 */
async function configure(next: ValidatorThreadData['validators'], remember: number): Promise<void> {
  options = next;
  validators.clear();
  if (operations) await operations.catch(() => (operations = undefined));
  (await loadPythonParser()).rememberParses(remember);
}

/** The extensions' operations by name, loaded on the first `run` (a name given twice is refused). */
function loadOperations(): Promise<Map<string, ThreadOperations[string]>> {
  operations ??= (async () => {
    const byName = new Map<string, ThreadOperations[string]>();
    for (const file of extensions) {
      const mod = (await import(pathToFileURL(file).href)) as { threadOperations?: ThreadOperations };
      if (!mod.threadOperations) throw new Error(`${file} exports no threadOperations`);
      for (const [name, fn] of Object.entries(mod.threadOperations)) {
        if (byName.has(name)) throw new Error(`two extensions name the operation ${JSON.stringify(name)}`);
        byName.set(name, fn);
      }
    }
    return byName;
  })();
  return operations;
}

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
    if (request.op === 'configure') {
      await configure(request.validators, request.rememberParses);
      return { id: request.id, ok: true, result: null };
    }
    if (request.op === 'run') {
      const operation = (await loadOperations()).get(request.name);
      if (!operation) throw new Error(`no operation named ${JSON.stringify(request.name)} on this thread`);
      return { id: request.id, ok: true, result: await operation(request.payload as never, { parser: await loadPythonParser() }) };
    }
    const validator = await validatorFor(request.key);
    if (request.op === 'validate') return { id: request.id, ok: true, result: validator.validate(request.code, request.context) };
    const result = validator.validateResponse(request.answer, request.context);
    const parsed = validator.parsedBody?.(result);
    if (!parsed) return { id: request.id, ok: true, result };
    return { id: request.id, ok: true, result, body: packFragment(parsed) };
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

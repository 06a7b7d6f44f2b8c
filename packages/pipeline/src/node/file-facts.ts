// What the pipeline reads of a node file's parse, in a form small enough to cross threads: the syntax
// verdict, the stubs, the classes (the node's type and name come from them) and what injecting into
// the file needs. A large file is read in parts on threads of their own and the parts' facts joined
// (file-input-async.ts); every position is the file's own, whichever part it was read in.
import { findStubsIn, injectionBase, type InjectionBase, type Stub } from '@onexgen/node-source';
import type { PyClass, PythonParser } from '@onexgen/response-validator';
import { OnexgenError } from '../errors.js';

export interface FileFacts {
  syntaxValid: boolean;
  /** the first syntax error, when not valid */
  firstError?: { line: number; message: string };
  stubs: Stub[];
  classes: PyClass[];
  injection: Omit<InjectionBase, 'source'>;
}

/** The facts of `source` from one parse (its stubs read from that parse's tree). */
export function fileFacts(parser: PythonParser, source: string, options: { includeUncertain?: boolean } = {}): FileFacts {
  const { module, stubs } = findStubsIn(parser, source, options);
  const { source: _text, ...injection } = injectionBase(module);
  if (!module.syntaxValid) {
    const e = module.syntaxErrors[0];
    return { syntaxValid: false, ...(e ? { firstError: { line: e.line, message: e.message } } : {}), stubs: [], classes: [], injection };
  }
  return { syntaxValid: true, stubs, classes: module.classes, injection };
}

/** The facts of a file from those of its parts (in document order, each valid on its own). */
export function joinFacts(parts: readonly FileFacts[]): FileFacts {
  return {
    syntaxValid: parts.every((p) => p.syntaxValid),
    stubs: parts.flatMap((p) => p.stubs),
    classes: parts.flatMap((p) => p.classes),
    injection: {
      syntaxValid: parts.every((p) => p.injection.syntaxValid),
      imports: parts.flatMap((p) => p.injection.imports),
      // only the first part can hold the module docstring: every later part starts at a definition
      ...(parts[0]?.injection.moduleDocstring ? { moduleDocstring: parts[0].injection.moduleDocstring } : {}),
    },
  };
}

/** The facts of a file that is valid Python; else NODE_FILE_INVALID naming the file and the first error's line. */
export function validFacts(file: string, facts: FileFacts, where: string = file): FileFacts {
  if (!facts.syntaxValid) {
    const e = facts.firstError;
    throw new OnexgenError('NODE_FILE_INVALID', `${file}:${e?.line ?? '?'}: not valid Python: ${e?.message ?? 'syntax error'}`, { where });
  }
  return facts;
}

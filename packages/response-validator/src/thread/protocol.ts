// The messages between a ValidatorThread (thread/validator-thread-client.ts) and its thread
// (validator-thread.ts). Everything in them survives structured cloning: a parsed body's
// position mapper, a function, is left out and rebuilt on arrival.
import type { PythonParser } from '../parser/types.js';
import type { TravellingFragment } from './travelling-fragment.js';
import type { ValidatorOptions } from '../validation/validator.js';
import type { ExtractionResult, ValidationContext, ValidationResult } from '../validation/validation-types.js';

export interface ValidatorThreadData {
  /** the validators the thread holds, by the key requests name them with; each created on first use */
  validators: Record<string, ValidatorOptions>;
  /** files of modules whose `threadOperations` the thread runs by name (ValidatorThread.run) */
  extensions: string[];
  /** the thread parser's rememberParses count (0: none) */
  rememberParses: number;
}

/** What is asked; the message adds the id its reply carries. */
export type ValidatorAsk =
  | ({ key: string; context: ValidationContext } & ({ op: 'validate'; code: string } | { op: 'validateResponse'; answer: string }))
  | { op: 'run'; name: string; payload: unknown };

/**
 * A thread handed to a new owner (startValidatorThread reusing an idle one): its validators are
 * replaced by these (each created again on first use) and its parser forgets what it remembered.
 * Sent before the owner's first request, so it is answered before them.
 */
export interface ValidatorConfigure {
  op: 'configure';
  validators: ValidatorThreadData['validators'];
  rememberParses: number;
}

export type ValidatorRequest = (ValidatorAsk | ValidatorConfigure) & { id: number };

export type ResponseResult = ValidationResult & { extraction: ExtractionResult; code: string };

export type ValidatorReply =
  // result: a ValidationResult (validate), a ResponseResult (validateResponse) or an operation's result (run)
  | { id: number; ok: true; result: unknown; body?: TravellingFragment }
  | { id: number; ok: false; error: { name: string; code?: string; message: string } };

/**
 * What an extension module exports as `threadOperations`: work that reads Python with the thread's
 * parser, run there by name. Payloads and results travel by structured cloning.
 */
export type ThreadOperations = Record<string, (payload: never, tools: { parser: PythonParser }) => unknown>;

// The messages between a ValidatorThread (thread/validator-thread-client.ts) and its thread
// (validator-thread.ts). Everything in them survives structured cloning: a parsed body's
// position mapper, a function, is left out and rebuilt on arrival.
import type { ParsedFragment } from '../parser/types.js';
import type { ValidatorOptions } from '../validation/validator.js';
import type { ExtractionResult, ValidationContext, ValidationResult } from '../validation/validation-types.js';

export interface ValidatorThreadData {
  /** the validators the thread holds, by the key requests name them with; each created on first use */
  validators: Record<string, ValidatorOptions>;
}

/** What is asked; the message adds the id its reply carries. */
export type ValidatorAsk = { key: string; context: ValidationContext } & ({ op: 'validate'; code: string } | { op: 'validateResponse'; answer: string });

export type ValidatorRequest = ValidatorAsk & { id: number };

/** A ParsedFragment as it travels: its wrapper without mapPosition. */
export type TravellingFragment = Omit<ParsedFragment, 'wrapper'> & { wrapper: Omit<ParsedFragment['wrapper'], 'mapPosition'> };

export type ResponseResult = ValidationResult & { extraction: ExtractionResult; code: string };

export type ValidatorReply =
  | { id: number; ok: true; result: ValidationResult | ResponseResult; body?: TravellingFragment }
  | { id: number; ok: false; error: { name: string; code?: string; message: string } };

// The placeholder transformation of a compute partial body: Python that is correct for the declared
// parameter and return types (an identity, a copy into the declared output), so the body runs for
// every input its signature admits. It is still a placeholder, marked IMPLEMENTATION REQUIRED.
import { FallbackError } from '../errors.js';
import { annotationOf, onexEntryInput, shapeOf } from './input-shape.js';
import type { ParsedMethod } from './method-spec.js';

function normalised(annotation: string | undefined): string {
  return (annotation ?? '').replace(/\s+/g, '');
}

/**
 * Lines (unindented, inside the `try:`) that leave the placeholder value in `result`. Throws
 * FallbackError PARTIAL_UNSUPPORTED when no type-correct placeholder exists (say `float` in,
 * `str` out): the caller then writes the template stub, which raises METHOD_NOT_IMPLEMENTED.
 */
export function computePlaceholder(method: ParsedMethod, input: string, outputModel: string): string[] {
  const inputType = input ? annotationOf(method, input) : undefined;
  const shape = input ? shapeOf(inputType) : 'mapping';
  const returns = normalised(method.returnAnnotation);
  // an ONEX entry input (ModelComputeInput[Any]): the placeholder passes its data field through
  const onex = onexEntryInput(inputType);
  const source =
    !input ? '{}' : onex ? `${input}.${onex.payload}` : shape === 'model' ? `${input}.model_dump()` : shape === 'mapping' ? `dict(${input})` : shape === 'any' ? `${input}.model_dump() if hasattr(${input}, "model_dump") else ${input}` : input;
  const lines = [`# Placeholder transformation: ${input ? `passes \`${onex ? `${input}.${onex.payload}` : input}\` through unchanged` : 'returns an empty result'}.`, `source = ${source}`];
  const asDict = shape === 'model' || shape === 'mapping' || !input;
  if (outputModel) {
    if (!asDict && shape !== 'any') throw unsupported(method, `${outputModel} from ${inputType}`);
    return [...lines, `result = ${outputModel}.model_validate(source)`];
  }
  if (!returns || returns === 'Any' || returns === 'typing.Any' || returns === 'object') return [...lines, 'result = source'];
  if (returns === 'None') return [...lines, 'result = None'];
  if (shapeOf(returns) === 'mapping') return [...lines, asDict ? 'result = dict(source)' : `result = {${JSON.stringify(input)}: source}`];
  if (input && returns === normalised(inputType)) return [lines[0]!, `result = ${input}`];
  throw unsupported(method, `${method.returnAnnotation} from ${inputType ?? 'no input'}`);
}

function unsupported(method: ParsedMethod, what: string): FallbackError {
  return new FallbackError('PARTIAL_UNSUPPORTED', `${method.name}: no type-correct placeholder gives ${what}`);
}

// What a parameter's annotation says about the value a fallback body may do things with. A body
// written for `amount: float` must not call `dict(amount)` or read `amount.correlation_id`; one for
// `input_data: dict[str, Any]` reads keys, not attributes. Unknown annotations get only operations
// that work on any object (getattr with a default, hasattr).
import { allNodeTypeFacts } from '@onexgen/onex';
import type { ParsedMethod } from './method-spec.js';

export type InputShape = 'model' | 'mapping' | 'scalar' | 'sequence' | 'any';

const SCALARS = /^(int|float|str|bool|bytes|Decimal|decimal\.Decimal|complex|date|datetime|UUID)$/;
const MAPPINGS = /^(dict|Dict|Mapping|MutableMapping|typing\.Dict|typing\.Mapping|collections\.abc\.Mapping)(\[|$)/;
const SEQUENCES = /^(list|List|tuple|Tuple|set|Set|Sequence|Iterable|frozenset)(\[|$)/;

/** `Optional[X]` and `X | None` are X for this purpose (the body checks for None first). */
function unwrapOptional(annotation: string): string {
  const text = annotation.trim();
  const optional = /^(?:typing\.)?Optional\[(.*)\]$/.exec(text);
  if (optional) return optional[1]!.trim();
  const parts = text.split('|').map((p) => p.trim());
  const rest = parts.filter((p) => p !== 'None');
  return rest.length === 1 ? rest[0]! : text;
}

export function shapeOf(annotation: string | undefined): InputShape {
  if (!annotation) return 'any';
  const type = unwrapOptional(annotation);
  if (SCALARS.test(type)) return 'scalar';
  if (MAPPINGS.test(type)) return 'mapping';
  if (SEQUENCES.test(type)) return 'sequence';
  // ONEX models and contracts (ModelFoo, ModelContractEffect, any pydantic model named Model*)
  if (/^(?:[A-Za-z_][A-Za-z0-9_]*\.)*Model[A-Za-z0-9_]*$/.test(type)) return 'model';
  return 'any';
}

export function annotationOf(method: ParsedMethod, name: string): string | undefined {
  const param = method.params.find((p) => p.name === name);
  return param && 'annotation' in param ? param.annotation : undefined;
}

/**
 * The real fields of an ONEX entry input (`ModelComputeInput[Any]` -> data / operation_id,
 * `ModelContractEffect` -> input_state / correlation_id; @onexgen/onex node-type facts), or undefined
 * for any other annotation. Bodies read these directly: the models have no `correlation_id` or
 * `items` a getattr could find.
 */
export function onexEntryInput(annotation: string | undefined): { payload: string; id: string } | undefined {
  if (!annotation) return undefined;
  const base = unwrapOptional(annotation).replace(/\[.*$/s, '').split('.').pop();
  const hit = Object.values(allNodeTypeFacts()).find((f) => f.entryParam.class.replace(/\[.*$/s, '') === base);
  return hit ? { payload: hit.entryParam.payload, id: hit.entryParam.id } : undefined;
}

/**
 * The Python expression giving the caller's correlation id, or '' when the signature provides
 * none: a `correlation_id` parameter, a key of a mapping input, an attribute of a model (or of an
 * unannotated value, read safely). Scalars and sequences carry none.
 */
export function correlationSource(method: ParsedMethod, input: string): string {
  if (method.params.some((p) => p.name === 'correlation_id')) return 'correlation_id';
  if (!input) return '';
  const onex = onexEntryInput(annotationOf(method, input));
  // read before the body's None check, so guarded
  if (onex) return `(${input}.${onex.id} if ${input} is not None else None)`;
  switch (shapeOf(annotationOf(method, input))) {
    case 'mapping':
      // `or {}`: the read comes before the body's None check
      return `(${input} or {}).get("correlation_id")`;
    case 'model':
    case 'any':
      return `getattr(${input}, "correlation_id", None)`;
    default:
      return '';
  }
}

import { z } from 'zod';
import { parseInput } from '../errors.js';
import { renderTemplate } from '../templates.js';
import { nodeTypeSchema, pyString, type NodeType } from '@onexgen/onex';
import { computePlaceholder } from './compute-placeholder.js';
import { annotationOf, onexEntryInput, shapeOf } from './input-shape.js';
import { identifierSchema } from './method-spec.js';
import type { MethodSpec } from './method-spec.js';
import { methodView } from './method-view.js';

const dottedNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'must be a Python (dotted) name');

/** What the node declares that the partial body uses. Every field is optional. */
export const partialSpecSchema = z
  .object({
    /** why generation fell back; goes into the docstring */
    reason: z.string().default('generation failed validation'),
    /** effect: the I/O the node declares; a pool is used as `async with self.<attribute>.acquire()` */
    io: z
      .object({
        kind: z.enum(['pool', 'client']).default('client'),
        /** default 'pool' for a pool, 'client' for a client */
        attribute: identifierSchema.optional(),
        /** client: the method called with the payload */
        call: identifierSchema.default('execute'),
        /** pool: the placeholder statement (a liveness query) */
        query: z.string().default('SELECT 1'),
      })
      .strict()
      .prefault({}),
    /**
     * reducer: the input attribute holding the items (an ONEX input model's items are its data
     * field, e.g. ModelReducerInput.data, whatever this says), and the item attribute keyed on
     */
    itemsField: identifierSchema.default('items'),
    keyField: identifierSchema.default('key'),
    /** orchestrator: the declared steps, in order; a step's handler defaults to `_step_<name>` */
    steps: z
      .array(z.union([identifierSchema, z.object({ name: z.string().min(1), handler: identifierSchema.optional() }).strict()]))
      .default([]),
    /** pydantic model the result is validated into; default: the return annotation when it names a Model* */
    outputModel: dottedNameSchema.optional(),
  })
  .strict();

export type PartialSpec = z.input<typeof partialSpecSchema>;

const FAILURE_CODES: Record<NodeType, string> = {
  effect: 'OPERATION_FAILED',
  compute: 'PROCESSING_ERROR',
  reducer: 'PROCESSING_ERROR',
  orchestrator: 'OPERATION_FAILED',
};

/**
 * A simpler, working, ONEX-compliant body for the node type, with a manual completion guide as
 * comments: correlation id, timing, start/finish logs through emit_log_event, input check, errors
 * wrapped in ModelOnexError with real EnumCoreErrorCode members.
 * - effect: one placeholder I/O call through the declared pool or client
 * - compute: a pure (identity) transformation skeleton returning the output
 * - reducer: a fold over the input items into a state dict
 * - orchestrator: the declared steps in sequence, a failing step stops it and is named
 * Returned unindented; the injector indents it.
 */
export function partialImplementation(method: MethodSpec, nodeType: string, spec: PartialSpec = {}): string {
  const type = parseInput(nodeTypeSchema, nodeType, 'nodeType');
  const options = parseInput(partialSpecSchema, spec, 'spec');
  const view = methodView(method, options.reason);
  const returnModel = view.method.returnAnnotation?.trim();
  const outputModel = options.outputModel ?? (returnModel && /^Model[A-Za-z0-9_]*$/.test(returnModel) ? returnModel : '');
  const pool = type === 'effect' && options.io.kind === 'pool';

  const steps = options.steps.map((step) =>
    typeof step === 'string' ? { name: step, handler: `_step_${step}` } : { name: step.name, handler: step.handler ?? `_step_${step.name.replace(/\W/g, '_')}` },
  );
  const stepsLiteral = steps.length === 0 ? '()' : `(${steps.map((step) => `(${pyString(step.name)}, ${pyString(step.handler)})`).join(', ')},)`;

  const input = view.input;
  const inputShape = input ? shapeOf(annotationOf(view.method, input)) : 'any';
  const onexInput = input ? onexEntryInput(annotationOf(view.method, input)) : undefined;
  // reducer items: the ONEX input model's data field, a key of a mapping input, an attribute of
  // anything else (read safely)
  const items = pyString(options.itemsField);
  const itemsSource = !input
    ? '[]'
    : onexInput
      ? `${input}.${onexInput.payload} or []`
      : inputShape === 'mapping'
      ? `${input}.get(${items}) or []`
      : inputShape === 'sequence'
        ? input
        : `getattr(${input}, ${items}, None) or []`;
  const placeholder = type === 'compute' ? computePlaceholder(view.method, input, outputModel) : [];

  return renderTemplate(
    `methods/partial-${type}.mustache`,
    {
      ...view,
      nodeTypeLiteral: pyString(type),
      startedMessage: pyString(`${view.name} started`),
      completedMessage: pyString(`${view.name} completed`),
      failedMessage: pyString(`${view.name} failed`),
      missingMessage: pyString(`${view.name} requires the '${view.input}' argument`),
      failureCode: pool ? 'DATABASE_OPERATION_ERROR' : FAILURE_CODES[type],
      extraDetails: type === 'orchestrator' ? ', "step": current_step' : '',
      pool,
      ioAttribute: options.io.attribute ?? (pool ? 'pool' : 'client'),
      ioCall: options.io.call,
      queryLiteral: pyString(options.io.query),
      itemsFieldLiteral: pyString(options.itemsField),
      keyFieldLiteral: pyString(options.keyField),
      stepsLiteral,
      itemsSource,
      placeholder,
      outputModel,
    },
    {
      docstring: 'methods/_docstring.mustache',
      preamble: 'methods/_preamble.mustache',
      wrapErrors: 'methods/_wrap-errors.mustache',
      epilogue: 'methods/_epilogue.mustache',
      marker: 'methods/_marker.mustache',
    },
  );
}

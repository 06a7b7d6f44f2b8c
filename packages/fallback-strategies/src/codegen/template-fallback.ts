import { renderTemplate } from '../templates.js';
import type { MethodSpec } from './method-spec.js';
import { methodView } from './method-view.js';
import { pyString } from '@onexgen/onex';

export interface TemplateFallbackOptions {
  /** put the docstring line first (default true); false when the injector keeps the stub's own */
  includeDocstring?: boolean;
}

/**
 * The method's body as an explicit stub: a docstring line, `# IMPLEMENTATION REQUIRED: <reason>`, a short
 * completion guide, a warning log with the correlation id and a ModelOnexError with
 * METHOD_NOT_IMPLEMENTED (ONEX's NotImplementedError). The node still imports, calling the method
 * fails loudly, and the `# IMPLEMENTATION REQUIRED: <why>` line (first after the docstring) makes
 * the stub finder offer it again on the next run.
 * Returned unindented; the injector indents it.
 */
export function templateFallback(method: MethodSpec, reason: string, options: TemplateFallbackOptions = {}): string {
  const view = methodView(method, reason);
  return renderTemplate(
    'methods/template-fallback.mustache',
    {
      ...view,
      docstring: options.includeDocstring === false ? '' : view.summary,
      notImplementedMessage: pyString(`${view.name} is not implemented yet: LLM generation fell back to a stub`),
    },
    { marker: 'methods/_marker.mustache' },
  );
}

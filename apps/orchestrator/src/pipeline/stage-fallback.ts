// The last stage: a template stub or a partial implementation from @onexgen/fallback-strategies,
// validated like everything else.
import { defaultPolicy, fallbackImports, partialImplementation, templateFallback } from '@onexgen/fallback-strategies';
import { entryMethodOf } from '@onexgen/onex';
import type { ValidationResult } from '@onexgen/response-validator';
import type { MethodInfo, NodeContext } from './node-context.js';
import type { Session } from './session.js';
import { effectIoOf } from '../skeleton/effect-io.js';

export interface FallbackBody {
  strategy: 'template_fallback' | 'partial';
  code: string;
  imports: string[];
  validation: ValidationResult;
}

export function fallbackBody(session: Session, node: NodeContext, info: MethodInfo, action: 'template' | 'partial', reason: string): FallbackBody {
  const fn = info.stub.function;
  const method = {
    name: fn.name,
    signature: info.signatureText,
    ...(fn.docstring ? { docstring: fn.docstring.text } : {}),
    isAsync: fn.isAsync,
    params: fn.params.map((p) => ({ name: p.name, kind: p.kind, ...(p.annotation ? { annotation: p.annotation } : {}) })),
    ...(fn.returnAnnotation ? { returnAnnotation: fn.returnAnnotation } : {}),
  };
  const imports = fallbackImports();
  const validationContext = { ...info.validation, fileImports: [...node.fileImports, ...imports] };
  if (action === 'partial') {
    try {
      // an orchestrator's entry method runs the node's operations as its steps
      const steps =
        node.nodeType === 'orchestrator' && fn.name === entryMethodOf('orchestrator')
          ? node.spec.operations.map((op) => ({ name: op.name, handler: op.name }))
          : [];
      const io = effectIoOf(node.spec);
      const code = partialImplementation(method, node.nodeType, { reason, steps, ...(io ? { io: { kind: io.kind, attribute: io.attribute } } : {}) });
      const validation = session.validator.validate(code, validationContext);
      if (validation.syntaxValid) return { strategy: 'partial', code, imports: fallbackImports(code), validation };
    } catch {
      // a partial body that cannot be written for this method falls through to the template stub
    }
  }
  const code = templateFallback(method, reason, { includeDocstring: false });
  return { strategy: 'template_fallback', code, imports: fallbackImports(code), validation: session.validator.validate(code, validationContext) };
}

export const DEFAULT_END_ACTION = defaultPolicy.afterLastAttempt;

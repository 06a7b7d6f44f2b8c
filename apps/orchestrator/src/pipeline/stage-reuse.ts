// The free stages of the hybrid order: a learned template for a similar task, then pattern code when
// the contract's pattern is detected with high confidence (entry methods: that is what it writes).
import { entryMethodOf } from '@onexgen/onex';
import { detectPattern, generatePatternCode } from '@onexgen/pattern-library';
import type { ValidationResult } from '@onexgen/response-validator';
import type { MethodInfo, NodeContext } from './node-context.js';
import type { Session } from './session.js';

export interface ReuseHit {
  strategy: 'learned_template' | 'pattern';
  code: string;
  imports: string[];
  validation: ValidationResult;
  reason: string;
  savedUsd: number;
}

export async function tryLearnedTemplate(session: Session, info: MethodInfo): Promise<ReuseHit | undefined> {
  const hit = await session.learning.findTemplate(info.task);
  if (!hit) return undefined;
  const validation = session.validator.validate(hit.code, info.validation);
  if (!validation.passed) return undefined;
  await hit.commit();
  return {
    strategy: 'learned_template',
    code: hit.code,
    imports: [],
    validation,
    reason: `learned template #${hit.templateId} (similarity ${hit.similarity.toFixed(2)})`,
    savedUsd: hit.savedUsd,
  };
}

export function tryPatternCode(session: Session, node: NodeContext, info: MethodInfo): ReuseHit | undefined {
  if (info.stub.method !== entryMethodOf(node.nodeType)) return undefined;
  const detected = detectPattern(node.contract, { minConfidence: info.config.patternConfidence });
  if (!detected) return undefined;
  const generated = generatePatternCode(detected.kind, node.contract, node.nodeType, node.className);
  const validation = session.validator.validate(generated.code, { ...info.validation, fileImports: [...node.fileImports, ...generated.imports] });
  if (!validation.passed) return undefined;
  return {
    strategy: 'pattern',
    code: generated.code,
    imports: generated.imports,
    validation,
    reason: `${detected.kind} pattern (confidence ${detected.confidence.toFixed(2)}, template ${generated.template})`,
    savedUsd: 0,
  };
}

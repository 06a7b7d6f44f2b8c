// The free stages of the hybrid order: a learned template for a similar task, then pattern code when
// the contract's pattern is detected with high confidence (the entry method; offline, also each
// declared operation of a CRUD contract).
import { entryMethodOf } from '@onexgen/onex';
import { crudOperationKind, detectPattern, generateOperationCode, generatePatternCode, type GeneratedPatternCode } from '@onexgen/pattern-library';
import type { ValidationResult } from '@onexgen/response-validator';
import type { MethodInfo, NodeContext } from './node-context.js';
import type { BehaviourOutcome } from '../outcome/outcome.js';
import type { Session } from '../session/session.js';
import { checkBehaviour } from './stage-behaviour.js';
import { validateCode } from '../session/validation.js';

export interface ReuseHit {
  strategy: 'learned_template' | 'pattern';
  code: string;
  imports: string[];
  validation: ValidationResult;
  reason: string;
  savedMicros: number;
  behaviour?: BehaviourOutcome;
}

/**
 * A learned template is accepted only after it passes static validation and, where the spec gives
 * examples, every example in the sandbox; the run output names it and what it passed.
 */
export async function tryLearnedTemplate(session: Session, node: NodeContext, info: MethodInfo): Promise<ReuseHit | undefined> {
  if (info.config.noReuse) return undefined;
  const hit = await session.learning.findTemplate(info.task);
  if (!hit) return undefined;
  const validation = await validateCode(session, hit.code, info.validation);
  if (!validation.passed) return undefined;
  const behaviour = await checkBehaviour(session, node, info, hit.code, []);
  if (behaviour.issues.length > 0) return undefined;
  await hit.commit();
  const b = behaviour.outcome;
  const checked = b.status === 'ran' ? `${b.passed}/${b.examples} examples` : b.status === 'unavailable' ? `${b.examples} example(s) not run` : 'no examples';
  return {
    strategy: 'learned_template',
    code: hit.code,
    imports: [],
    validation,
    behaviour: b,
    reason: `learned template #${hit.templateId}, ${checked} (similarity ${hit.similarity.toFixed(2)})`,
    savedMicros: hit.savedMicros,
  };
}

// A node's contract is read once per method: detection reads all of its operations, so for a node
// file of thousands of methods it ran thousands of times over thousands of operations (quadratic in
// the file's size). The contract object is the node's own and does not change during a run.
const detections = new WeakMap<object, Map<number, ReturnType<typeof detectPattern>>>();
function detectOnce(contract: NodeContext['contract'], minConfidence: number): ReturnType<typeof detectPattern> {
  let byConfidence = detections.get(contract);
  if (!byConfidence) detections.set(contract, (byConfidence = new Map()));
  if (!byConfidence.has(minConfidence)) byConfidence.set(minConfidence, detectPattern(contract, { minConfidence }));
  return byConfidence.get(minConfidence) ?? null;
}

export async function tryPatternCode(session: Session, node: NodeContext, info: MethodInfo): Promise<ReuseHit | undefined> {
  const detected = detectOnce(node.contract, info.config.patternConfidence);
  if (!detected) return undefined;
  if (info.stub.method === entryMethodOf(node.nodeType)) {
    const generated = generatePatternCode(detected.kind, node.contract, node.nodeType, node.className);
    return accept(session, node, info, generated, `${detected.kind} pattern (confidence ${detected.confidence.toFixed(2)}, template ${generated.template})`);
  }
  // An operation method of a CRUD contract (create_user, get_user, …): offline only — with a model
  // the operation is the model's to write from its description; offline it would otherwise be a
  // placeholder. Other patterns (an HTTP effect's get_forecast) never get SQL.
  if (detected.kind !== 'CRUD' || (session.model && !info.config.offline)) return undefined;
  const generated = generateOperationCode(node.contract, node.nodeType, node.className, info.stub.method);
  if (!generated) return undefined;
  return accept(session, node, info, generated, `CRUD ${crudOperationKind(info.stub.method)} operation (confidence ${detected.confidence.toFixed(2)}, template ${generated.template})`);
}

/** Pattern code is used only when it validates in the node file and passes the method's examples. */
async function accept(session: Session, node: NodeContext, info: MethodInfo, generated: GeneratedPatternCode, reason: string): Promise<ReuseHit | undefined> {
  const validation = await validateCode(session, generated.code, { ...info.validation, fileImports: [...node.fileImports, ...generated.imports] });
  if (!validation.passed) return undefined;
  const behaviour = await checkBehaviour(session, node, info, generated.code, generated.imports);
  if (behaviour.issues.length > 0) return undefined;
  return { strategy: 'pattern', behaviour: behaviour.outcome, code: generated.code, imports: generated.imports, validation, reason, savedMicros: 0 };
}

// The stub rule (README "What counts as a stub"): markers and body evidence in, a verdict out.
import type { BodyEvidence } from './body-evidence.js';
import type { Marker } from './markers.js';

export type StubKind = 'stub' | 'uncertain';
export type StubMarker = 'IMPLEMENTATION REQUIRED' | 'TODO' | 'Stub' | 'NotImplementedError';

export interface Verdict {
  kind: StubKind;
  reason: string;
  marker: StubMarker;
  markerText: string;
}

function code(evidence: BodyEvidence): string {
  const n = evidence.codeStatements;
  return `${n} statement${n === 1 ? '' : 's'} of code`;
}

/** undefined: not a stub (no marker, or a note about later work inside implemented code). */
export function judge(markers: readonly Marker[], evidence: BodyEvidence, singleStatementText: string): Verdict | undefined {
  const required = markers.find((m) => m.kind === 'implementation-required');
  if (required) return { kind: 'stub', marker: 'IMPLEMENTATION REQUIRED', markerText: required.text, reason: `marked "${required.text}"` };
  const ask = markers.find((m) => m.kind === 'todo-implement');
  if (ask) {
    return evidence.placeholder
      ? { kind: 'stub', marker: 'TODO', markerText: ask.text, reason: `"${ask.text}" asks for the implementation over a placeholder body` }
      : { kind: 'uncertain', marker: 'TODO', markerText: ask.text, reason: `"${ask.text}" asks for the implementation, but the body holds ${code(evidence)}` };
  }
  const stub = markers.find((m) => m.kind === 'stub-comment');
  if (stub) {
    return evidence.placeholder
      ? { kind: 'stub', marker: 'Stub', markerText: stub.text, reason: `"${stub.text}" over a placeholder body` }
      : { kind: 'uncertain', marker: 'Stub', markerText: stub.text, reason: `"${stub.text}", but the body holds ${code(evidence)}` };
  }
  if (evidence.onlyRaisesNotImplemented) {
    return { kind: 'stub', marker: 'NotImplementedError', markerText: singleStatementText, reason: 'the body only raises NotImplementedError' };
  }
  const note = markers.find((m) => m.kind === 'todo-note');
  if (note && evidence.placeholder) {
    return {
      kind: 'uncertain',
      marker: 'TODO',
      markerText: note.text,
      reason: `the body is placeholder, but "${note.text}" does not ask for the implementation`,
    };
  }
  // a TODO about later work inside implemented code, or no marker at all
  return undefined;
}

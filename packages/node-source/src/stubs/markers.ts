// What one comment says about the method it sits in. Only comments count (the parser's comment nodes),
// so a marker inside a string or docstring is never read.

export type MarkerKind =
  /** `# IMPLEMENTATION REQUIRED` with any text after it: always a stub */
  | 'implementation-required'
  /** a TODO / FIXME that asks for the implementation ("Implement …", "Add business logic …") */
  | 'todo-implement'
  /** a TODO / FIXME about something else (later work, a reminder) */
  | 'todo-note'
  /** `# Stub` */
  | 'stub-comment';

export interface Marker {
  kind: MarkerKind;
  /** the comment as written, trimmed */
  text: string;
}

const IMPLEMENTATION_REQUIRED = /^#\s*IMPLEMENTATION REQUIRED\b/i;
const STUB = /^#\s*stub\b/i;
const TODO = /^#\s*(?:TODO|FIXME)\b(?:\s*\([^)]*\))?\s*[:\-–]?\s*(.*)$/i;

// The note asks for the method's implementation: "Implement release_stock", "Add business logic",
// "Add inventory routing logic here", "Replace the simulation with …", "Implementation goes here".
const ASKS_FOR_IMPLEMENTATION = [
  /^implement\b/i,
  /\bbusiness logic\b/i,
  /^add\b.*\blogic\b(?:\s+here)?\s*$/i,
  /^add\b.*\blogic here\b/i,
  /^(?:write|fill in|complete)\b.*\b(?:implementation|logic|body|method)\b/i,
  /^replace\b.*\b(?:stub|placeholder|simulation|simulated|mock)\b/i,
  /\bimplementation (?:required|needed|goes here|missing)\b/i,
  /^not (?:yet )?implemented\b/i,
];

export function markerOf(commentText: string): Marker | undefined {
  const text = commentText.trim();
  if (IMPLEMENTATION_REQUIRED.test(text)) return { kind: 'implementation-required', text };
  const todo = TODO.exec(text);
  if (todo) {
    const note = todo[1]!.trim();
    return { kind: ASKS_FOR_IMPLEMENTATION.some((re) => re.test(note)) ? 'todo-implement' : 'todo-note', text };
  }
  if (STUB.test(text)) return { kind: 'stub-comment', text };
  return undefined;
}

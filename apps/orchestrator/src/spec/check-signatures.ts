// A spec's method signatures are pasted into node.py, so each must BE a signature: parsed by the
// real parser inside a class, exactly one `def` of the declared name, and nothing that runs when the
// class is defined (a call in a default value or an annotation would run at import time).
import type { PythonParser } from '@onexgen/response-validator';
import type { NodeSpec } from '@onexgen/onex';
import { OnexgenError } from '../errors.js';

export function checkSignatures(parser: PythonParser, file: string, spec: NodeSpec): void {
  (spec.methods ?? []).forEach((m, i) => {
    if (!m.signature) return;
    const where = `${file}: methods[${i}].signature`;
    const fail = (why: string): never => {
      throw new OnexgenError('SPEC_INVALID', `${where}: ${why}`, { where });
    };
    const sig = m.signature.trim().replace(/:\s*$/, '');
    const probe = parser.parse(`class _SignatureProbe:\n    ${sig}:\n        pass\n`);
    if (!probe.syntaxValid) fail(`is not a Python signature (${probe.syntaxErrors[0]?.message ?? 'syntax error'})`);
    const defs = probe.functions;
    if (defs.length !== 1 || probe.classes.length !== 1) fail('must declare exactly one function');
    const def = defs[0]!;
    if (def.name !== m.name) fail(`declares "${def.name}" but the method is named "${m.name}"`);
    if (def.statements.length !== 1 || def.statements[0]!.text.trim() !== 'pass') fail('must be a signature only, with no body');
    const call = probe.calls[0];
    if (call) fail(`calls ${call.callee}() in a default value or annotation; defaults must be literals`);
  });
}

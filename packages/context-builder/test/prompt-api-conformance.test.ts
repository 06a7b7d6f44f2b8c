// The call forms the prompt teaches are the forms the skeleton's imports bind: every statement in
// the system section's "Call forms" block, and the entry signature it names, pass the validator's
// api/* rules against the shipped omnibase_core index for every node type.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { NODE_TYPES, nodeTypeFacts } from '@onexgen/onex';
import { createValidator, type Validator } from '@onexgen/response-validator';
import { buildContext } from '../src/index.js';
import { computeInput, realSources, type RealSources } from './helpers.js';

let real: RealSources;
let validator: Validator;

beforeAll(async () => {
  real = await realSources();
  validator = await createValidator({ profile: 'onex-v2' });
});

function systemSection(nodeType: (typeof NODE_TYPES)[number]): string {
  const input = computeInput();
  const built = buildContext({ ...input, spec: { ...input.spec, nodeType } }, real.sources);
  return built.sections.find((s) => s.id === 'system')!.content;
}

describe('prompt instructions against the real API', () => {
  test.each([...NODE_TYPES])('%s: the taught call forms and entry signature have no api/* finding', (nodeType) => {
    const text = systemSection(nodeType);
    const block = /Call forms \(the node file already imports these names\):\n```python\n([\s\S]*?)```/.exec(text);
    expect(block).not.toBeNull();
    const forms = block![1]!.trim().split('\n');
    expect(forms.length).toBeGreaterThanOrEqual(3);
    const facts = nodeTypeFacts(nodeType);
    expect(text).toContain(`its entry method is \`${facts.entryMethod}(self, ${facts.entryParam.name}: ${facts.entryParam.class})\``);
    // the fields it names are the input model's real ones (input_state only on the effect contract)
    const { name, payload, id } = facts.entryParam;
    expect(text).toContain(`\`${name}.${payload}\` holds the operation's data and \`${name}.${id}\` the id logs and errors carry`);
    if (nodeType !== 'effect') expect(text).not.toContain('input_state');
    for (const form of forms) {
      const r = validator.validate(form, { fragment: true, nodeType, knownNames: ['correlation_id', 'order_id'] });
      expect({ form, api: r.issues.filter((i) => i.ruleId.startsWith('api/')) }).toEqual({ form, api: [] });
      expect(r.syntaxValid).toBe(true);
    }
    // the logging rule names the sync form the skeleton binds, not the 4-argument canonical one
    expect(text).toContain('emit_log_event(level, message, context)');
    expect(text).not.toContain('(level, event_type, message, correlation_id');
  });

  test('the check can fail: the canonical 4-argument log call is a finding under the skeleton imports', () => {
    const r = validator.validate('emit_log_event(LogLevel.INFO, "stored", "order stored", correlation_id)\n', { fragment: true, nodeType: 'effect', knownNames: ['correlation_id'] });
    expect(r.issues.map((i) => i.ruleId)).toContain('api/call-arity');
  });
});

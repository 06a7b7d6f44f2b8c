import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { get_encoding, type Tiktoken } from '@dqbd/tiktoken';
import { SECTION_IDS } from '@onexgen/onex';
import { buildContext, explainContext, type BuiltContext } from '../src/index.js';
import { computeInput, databaseEffectInput, realSources, type RealSources } from './helpers.js';

let real: RealSources;
let built: BuiltContext;
let cl100k: Tiktoken;
let o200k: Tiktoken;

beforeAll(async () => {
  real = await realSources();
  cl100k = get_encoding('cl100k_base');
  o200k = get_encoding('o200k_base');
  built = buildContext(databaseEffectInput(), real.sources, { referenceThreshold: 0.2 });
});
afterAll(() => {
  cl100k.free();
  o200k.free();
});

const section = (b: BuiltContext, id: string) => b.sections.find((s) => s.id === id)!;

describe('the six sections', () => {
  test('come in the fixed order, each from its template with its title', () => {
    expect(built.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
    for (const s of built.sections) expect(s.content.startsWith(`# ${s.title}\n`)).toBe(true);
  });

  test('operation: a multi-line docstring (as the parser returns it) sits indented under the signature', () => {
    const b = buildContext(
      databaseEffectInput({ docstring: 'Create an order.\n\n        Args:\n            contract: the order to store.\n        ' }),
      real.sources,
    );
    expect(section(b, 'operation').content).toContain(
      [
        'async def execute_effect(self, contract: ModelContractEffect) -> ModelOrderResult:',
        '    """Create an order.',
        '',
        '    Args:',
        '        contract: the order to store."""',
        '```',
      ].join('\n'),
    );
  });

  test('system: ONEX rules, node type, selected variant with rationale', () => {
    const c = section(built, 'system').content;
    expect(c).toContain('ModelOnexError');
    expect(c).toContain('## Node Type: EFFECT');
    expect(c).toContain('NodeOrderStoreEffect(NodeEffect)');
    const named = buildContext({ ...databaseEffectInput(), spec: { ...databaseEffectInput().spec, className: 'NodeOrdersEffect' } }, real.sources);
    expect(section(named, 'system').content).toContain('`NodeOrdersEffect(NodeEffect)`');
    expect(c).toContain(`Selected variant: ${built.metadata.variant.id}`);
    expect(c).toContain(built.metadata.variant.rationale);
  });

  test('operation: signature, docstring, models, business purpose, contract I/O', () => {
    const c = section(built, 'operation').content;
    expect(c).toContain('async def execute_effect(self, contract: ModelContractEffect) -> ModelOrderResult:');
    expect(c).toContain('"""Create, read, update or list orders as the contract asks."""');
    expect(c).toContain('Output model: ModelOrderResult');
    expect(c).toContain('Stores and queries orders in PostgreSQL');
    expect(c).toContain('- database_write (atomic), timeout 5 s');
  });

  test('patterns: formatted catalog patterns, imports cleaned out with the parser, critical flagged', () => {
    const s = section(built, 'patterns');
    expect(s.items!.length).toBeGreaterThan(2);
    for (const item of s.items!) expect(s.content).toContain(item.text);
    const errorHandling = s.items!.find((i) => i.id === 'error_handling_v1');
    expect(errorHandling).toMatchObject({ critical: true });
    expect(errorHandling!.text).toMatch(/score \d\.\d\d, critical/);
    expect(s.content).toContain('Category: resilience');
    expect(s.content).toContain('Guidelines:');
    // the catalog example starts with imports; the prompt must not teach the model to add any...
    expect(real.catalog.patterns.find((p) => p.id === 'error_handling_v1')!.codeExample).toContain('from omnibase_core');
    const importLines = /^\s*(from \S+ )?import /m;
    for (const item of s.items!.filter((i) => i.id !== 'standard_imports_v1')) expect(item.text).not.toMatch(importLines);
    // ...except the import block itself, which tells it which names are already in scope
    const imports = s.items!.find((i) => i.id === 'standard_imports_v1')!;
    expect(imports).toMatchObject({ critical: true });
    expect(imports.text).toContain('already at the top of the node file');
    expect(imports.text).toMatch(importLines);
    expect(imports.text).toContain('## Pattern 5: standard_imports (critical: always applies)');
  });

  test('patterns: at most five, critical ones first in line for a place', () => {
    const s = section(built, 'patterns');
    expect(s.items).toHaveLength(5);
    expect(s.items!.filter((i) => i.critical).map((i) => i.id).sort()).toEqual(['error_handling_v1', 'standard_imports_v1']);
    expect(built.metadata.patterns.available).toBeGreaterThan(5);
  });

  test('references: similar nodes with similarity, matched features, guidance, pitfalls and the method code', () => {
    const s = section(built, 'references');
    expect(s.items!.map((i) => i.id)[0]).toBe('postgres_query:execute_effect');
    expect(s.content).toContain('NodePostgresQueryEffect (similarity 1.00)');
    expect(s.content).toContain('Matched features: connection_pooling, error_handling, transaction_management');
    expect(s.content).toContain('Adaptation guidance:');
    expect(s.content).toContain('Do not forget to convert asyncpg.Record rows');
    expect(s.content).toContain('async def execute_effect(self, contract: ModelContractEffect) -> Any:');
    expect(s.content).not.toContain('async def health_check');
  });

  test('constraints: mixins with confidence and usage, error codes, security, performance', () => {
    const c = section(built, 'constraints').content;
    expect(c).toMatch(/### MixinConnectionPooling \(confidence 0\.\d\d\)/);
    expect(c).toContain('Usage: async with self.pool.acquire()');
    expect(c).toContain('DATABASE_CONNECTION_ERROR');
    expect(c).toContain('Never use EXECUTION_ERROR, NOT_IMPLEMENTED, EXTERNAL_SERVICE_ERROR');
    expect(c).toContain('Parameterised queries only');
    expect(c).toContain('- Latency: p95 under 100 ms');
  });

  test('instructions: body only, no imports, checklist', () => {
    const c = section(built, 'instructions').content;
    expect(c).toContain('Return ONLY the body of `execute_effect`');
    expect(c).toContain('Do not add import statements');
    expect(c).toContain('- returns a ModelOrderResult');
  });
});

describe('token accounting', () => {
  test("every count equals tiktoken's on the same text", () => {
    for (const s of built.sections) {
      expect(s.tokens).toBe(cl100k.encode_ordinary(s.content).length);
      for (const item of s.items ?? []) {
        expect(item.tokens).toBe(cl100k.encode_ordinary(item.text).length);
        expect(s.content).toContain(item.text); // so a consumer can remove it by text
      }
    }
    expect(built.total).toBe(cl100k.encode_ordinary(built.toPrompt()).length);
    const { system, user } = built.toMessages();
    expect(built.metrics.messageTokens).toEqual({ system: cl100k.encode_ordinary(system).length, user: cl100k.encode_ordinary(user).length });
  });

  test('a gpt-4o target counts with o200k_base, exactly', () => {
    const b = buildContext(databaseEffectInput(), real.sources, { model: 'gpt-4o-mini' });
    expect(b.metadata.encoding).toBe('o200k_base');
    expect(b.total).toBe(o200k.encode_ordinary(b.toPrompt()).length);
    for (const s of b.sections) expect(s.tokens).toBe(o200k.encode_ordinary(s.content).length);
  });

  test('the budget derives from a context window minus the output reserve', () => {
    const b = buildContext(databaseEffectInput(), real.sources, { contextWindow: 6000, outputReserve: 1000 });
    expect(b.budget).toMatchObject({ total: 5000, source: 'model-window' });
    expect(b.total).toBeLessThanOrEqual(5000);
  });
});

describe('prompt and messages', () => {
  test('node-level sections first (system message), method-level after (user message)', () => {
    const { system, user } = built.toMessages();
    expect(built.toPrompt()).toBe(`${system}\n${user}`);
    expect(system.startsWith('# System Context')).toBe(true);
    expect(system).toContain('# Production Patterns');
    expect(user.startsWith('# Reference Implementations')).toBe(true);
    expect(user.trimEnd().endsWith('- returns a ModelOrderResult')).toBe(true);
    // the system message does not depend on the method: another method of the same node shares it
    const other = buildContext(
      databaseEffectInput({ name: 'health_check', signature: 'async def health_check(self) -> dict[str, Any]:', docstring: 'Check the pool.' }),
      { ...real.sources, patterns: real.catalog.match({ nodeType: 'effect', features: databaseEffectInput().spec.features!, minScore: 0.3 }) },
    );
    const same = buildContext(databaseEffectInput(), { ...real.sources, patterns: real.catalog.match({ nodeType: 'effect', features: databaseEffectInput().spec.features!, minScore: 0.3 }) });
    expect(other.toMessages().system).toBe(same.toMessages().system);
    expect(other.toMessages().user).not.toBe(same.toMessages().user);
  });

  test('the result is plain serialisable data', () => {
    const round = JSON.parse(JSON.stringify(built));
    expect(round).toEqual(JSON.parse(JSON.stringify(built.toJSON())));
    expect(round.sections).toHaveLength(6);
    expect(round.metadata.patterns.included).toBe(section(built, 'patterns').items!.length);
  });

  test('explain prints the budget table', () => {
    const table = explainContext(built);
    for (const id of SECTION_IDS) expect(table).toMatch(new RegExp(`^${id}\\s+P\\d`, 'm'));
    expect(table).toContain(`total ${built.total} of 8000 tokens`);
    expect(table).toContain('Truncation: none');
    // the references chosen, best first, with their similarity
    expect(table).toContain('References:\n  1. postgres_query:execute_effect (similarity 1.00)\n  2. ');
  });
});

describe('determinism', () => {
  test('same inputs give a byte-identical prompt, whatever order the matches arrive in', () => {
    const matches = real.catalog.match({ nodeType: 'effect', features: databaseEffectInput().spec.features!, operation: 'execute_effect', minScore: 0.3 });
    const a = buildContext(databaseEffectInput(), { ...real.sources, patterns: matches }, { budget: 3000 });
    const b = buildContext(databaseEffectInput(), { ...real.sources, patterns: [...matches].reverse() }, { budget: 3000 });
    expect(b.toPrompt()).toBe(a.toPrompt());
    expect(b.truncation).toEqual(a.truncation);
    const c = buildContext(computeInput(), real.sources);
    expect(buildContext(computeInput(), real.sources).toPrompt()).toBe(c.toPrompt());
  });
});

describe('user templates', () => {
  test('a file in the user directory replaces that section only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-templates-'));
    writeFileSync(join(dir, 'patterns.mustache'), '# Production Patterns\nHOUSE STYLE {{count}}/{{available}}\n{{#patterns}}\n{{{text}}}\n{{/patterns}}\n');
    const b = buildContext(databaseEffectInput(), real.sources, { templatesDir: dir });
    const patterns = section(b, 'patterns');
    expect(patterns.content).toContain(`HOUSE STYLE ${patterns.items!.length}/${b.metadata.patterns.available}`);
    expect(b.metadata.templates.patterns).toBe(join(dir, 'patterns.mustache'));
    expect(section(b, 'system').content).toBe(section(built, 'system').content);
    expect(patterns.tokens).toBe(cl100k.encode_ordinary(patterns.content).length);
  });

  test('a broken user template is refused with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-templates-'));
    writeFileSync(join(dir, 'system.mustache'), '# System Context\n{{#variant}}unclosed\n');
    expect(() => buildContext(databaseEffectInput(), real.sources, { templatesDir: dir })).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_INVALID', message: expect.stringContaining(join(dir, 'system.mustache')) }),
    );
  });

  test('a missing templates directory is an error, not a silent fallback', () => {
    expect(() => buildContext(databaseEffectInput(), real.sources, { templatesDir: '/nonexistent/templates' })).toThrow(/does not exist/);
  });
});

describe('input validation', () => {
  test.each([
    [{ spec: { ...databaseEffectInput().spec, nodeType: 'gateway' } }, /spec\.nodeType/],
    [{ method: { ...databaseEffectInput().method, name: 'execute effect' } }, /method\.name: must be a Python identifier/],
    [{ spec: { ...databaseEffectInput().spec, name: '' } }, /spec\.name/],
  ])('bad input names the field (%#)', (patch, message) => {
    expect(() => buildContext({ ...databaseEffectInput(), ...patch } as never, real.sources)).toThrow(message);
  });

  test('bad options name the option', () => {
    expect(() => buildContext(databaseEffectInput(), real.sources, { referenceThreshold: 2 })).toThrow(/build options: referenceThreshold/);
    expect(() => buildContext(databaseEffectInput(), real.sources, { encoding: 'p50k_base' as never })).toThrow(/build options: encoding/);
    expect(() => buildContext(databaseEffectInput(), real.sources, { budget: -5 })).toThrow(/budget options: budget/);
  });

  test('node types are normalised from contract spellings', () => {
    const b = buildContext({ ...databaseEffectInput(), nodeType: 'EFFECT_GENERIC' }, real.sources);
    expect(b.metadata.nodeType).toBe('effect');
  });
});

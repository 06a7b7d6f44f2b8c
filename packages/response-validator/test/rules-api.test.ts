// The api/* rules: each with code that breaks it and code that keeps it, against the shipped
// omnibase_core index (onex-v2) and against an index built from the fixture package.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildApiIndex } from '../src/api-index/build-index.js';
import { createValidator, loadPythonParser } from '../src/index.js';
import { describeRuleCases } from './rule-cases.js';

const body = { fragment: true, nodeType: 'effect' as const, knownNames: ['cid'] };
const container = 'from omnibase_core.models.container.model_onex_container import ModelONEXContainer\n\n\n';

describeRuleCases('api rules against the shipped omnibase_core index', [
  {
    name: 'missing module',
    rule: 'api/unresolved-import',
    bad: 'from omnibase_core.nodes.node_computer import NodeCompute\n',
    line: 1,
    good: 'from omnibase_core.nodes.node_compute import NodeCompute\nimport omnibase_core.nodes.node_effect\n',
  },
  {
    name: 'name a module neither defines, re-exports nor serves',
    rule: 'api/unknown-name',
    bad: 'from omnibase_core import ModelONEXContainer\n',
    line: 1,
    // lazily served by omnibase_core.__getattr__, re-exported by omnibase_core.nodes, a submodule
    good: 'from omnibase_core import EnumCoreErrorCode, ModelOnexError\nfrom omnibase_core.nodes import NodeCompute\nfrom omnibase_core.logging import structured\n',
  },
  {
    name: 'wrong arity: the canonical 4-argument log form through the sync function the skeleton imports',
    rule: 'api/call-arity',
    bad: 'emit_log_event(LogLevel.INFO, "order_loaded", "order loaded", cid)\nreturn None\n',
    line: 1,
    good: 'emit_log_event(LogLevel.INFO, "order loaded", {"correlation_id": cid})\nreturn None\n',
    context: body,
  },
  {
    name: 'required argument missing',
    rule: 'api/call-arity',
    bad: 'raise ModelOnexError(error_code=EnumCoreErrorCode.OPERATION_FAILED)\n',
    line: 1,
    good: 'raise ModelOnexError(message="failed", error_code=EnumCoreErrorCode.OPERATION_FAILED, details={"n": 1})\n',
    context: body,
  },
  {
    name: 'unknown keyword (the seeds\' details= on the sync log function)',
    rule: 'api/unknown-keyword',
    bad: 'emit_log_event(level=LogLevel.INFO, message="done", details={"correlation_id": cid})\nreturn None\n',
    line: 1,
    good: 'emit_log_event(level=LogLevel.INFO, message="done", context={"correlation_id": cid})\nreturn None\n',
    context: body,
  },
  {
    name: 'a field the pydantic input model does not declare (ModelComputeInput holds data, not input_state)',
    rule: 'api/unknown-attribute',
    bad: 'from omnibase_core.models.model_compute_input import ModelComputeInput\n\n\ndef run(input_data: ModelComputeInput) -> object:\n    return input_data.input_state\n',
    line: 5,
    good: 'from omnibase_core.models.model_compute_input import ModelComputeInput\n\n\ndef run(input_data: ModelComputeInput) -> object:\n    return input_data.data, input_data.operation_id, input_data.model_dump(), input_data.__fields__\n',
  },
  {
    name: 'a compute node\'s process body reads its undeclared input_data as the ModelComputeInput the runtime passes',
    rule: 'api/unknown-attribute',
    bad: 'return {"state": input_data.input_state}\n',
    line: 1,
    good: 'return {"state": input_data.data, "op": input_data.operation_id}\n',
    context: { fragment: true, nodeType: 'compute' as const, methodName: 'process' },
  },
  {
    name: 'ModelONEXContainer read as if it were ModelContainer',
    rule: 'api/unknown-attribute',
    bad: `${container}def settings(container: ModelONEXContainer) -> dict:\n    return container.value\n`,
    line: 5,
    good: `${container}def settings(container: ModelONEXContainer) -> object:\n    return container.config\n`,
  },
  {
    name: 'enum member that does not exist',
    rule: 'api/unknown-enum-member',
    bad: 'emit_log_event(LogLevel.WARN, "slow", {"correlation_id": cid})\nreturn None\n',
    line: 1,
    good: 'emit_log_event(LogLevel.WARNING, "slow", {"correlation_id": cid})\nreturn None\n',
    context: body,
  },
  {
    name: 'entry method the base class never calls',
    rule: 'api/entry-signature',
    bad: 'from typing import Any\n\nfrom omnibase_core.nodes.node_compute import NodeCompute\n\n\nclass NodeSumCompute(NodeCompute):\n    async def execute_compute(self, contract: Any) -> Any:\n        return contract\n',
    line: 7,
    good: 'from typing import Any\n\nfrom omnibase_core.nodes.node_compute import NodeCompute\n\n\nclass NodeSumCompute(NodeCompute):\n    async def process(self, input_data: Any) -> Any:\n        return input_data\n',
  },
  {
    name: 'entry method overridden with another parameter name',
    rule: 'api/entry-signature',
    bad: 'from typing import Any\n\nfrom omnibase_core.nodes.node_effect import NodeEffect\n\n\nclass NodeDbEffect(NodeEffect):\n    async def execute_effect(self, spec: Any) -> Any:\n        return spec\n',
    line: 7,
    good: 'from typing import Any\n\nfrom omnibase_core.nodes.node_effect import NodeEffect\n\n\nclass NodeDbEffect(NodeEffect):\n    async def execute_effect(self, contract: Any) -> Any:\n        return contract\n',
  },
  {
    name: 'string passed as protocol type',
    rule: 'api/service-lookup',
    bad: `${container}class Pool:\n    pass\n\n\ndef pool_of(container: ModelONEXContainer) -> object:\n    return container.get_service("database_pool")\n`,
    line: 9,
    good: `${container}class Pool:\n    pass\n\n\ndef pool_of(container: ModelONEXContainer) -> object:\n    return container.get_service(Pool, "database_pool")\n`,
  },
  {
    name: 'string passed as protocol type through self.container in a method body',
    rule: 'api/service-lookup',
    bad: 'client = await self.container.get_service_async("http_client")\nreturn await client.get(cid)\n',
    line: 1,
    good: 'client = self.container.get_service_optional(dict, "http_client")\nreturn client\n',
    context: body,
  },
]);

// --- against an index built from the fixture package -------------------------------------------
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onexgen-api-rules-'));
const profile = path.join(work, 'toy-profile.yaml');
const toy = { profile };
const imports = 'from toypkg import ToyErrorCode, Widget, make_widget\nfrom toypkg.sub.service import Container, Service\n\n\n';
const models = 'from toypkg.models import ModelBatchInput, ModelJobInput, ModelLegacyInput, ModelOnForeignBase, ModelOpenInput, ModelSharedConfig\n\n\n';

beforeAll(async () => {
  const { index } = buildApiIndex(fileURLToPath(new URL('./fixtures/api-index/src', import.meta.url)), { packageName: 'toypkg', parser: await loadPythonParser() });
  fs.writeFileSync(path.join(work, 'toypkg.json'), JSON.stringify(index));
  const rules = ['unresolved-import', 'unknown-name', 'call-arity', 'unknown-keyword', 'unknown-attribute', 'unknown-enum-member', 'entry-signature', 'service-lookup'];
  fs.writeFileSync(profile, ['id: toy', 'extends: generic-python', 'apiIndex: toypkg.json', 'api: { entryMethods: [process, run] }', 'rules:', ...rules.map((r) => `  api/${r}: {}`)].join('\n'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describeRuleCases('api rules against an index built from a fixture package', [
  {
    name: 'keyword-only parameter passed by position',
    rule: 'api/call-arity',
    bad: `${imports}w = Widget("a", 3)\n`,
    line: 5,
    good: `${imports}w = Widget("a", size=3)\nm = make_widget("a", 1, 2, 3, flag=True, anything=1)\n`,
    ...toy,
  },
  {
    name: 'keyword-only parameter missing',
    rule: 'api/call-arity',
    bad: `${imports}m = make_widget("a")\n`,
    line: 5,
    good: `${imports}m = make_widget("a", flag=False)\n`,
    ...toy,
  },
  {
    name: 'positional-only parameter passed by keyword; classmethods and staticmethods bind right',
    rule: 'api/unknown-keyword',
    bad: `${imports}ok = Widget.validate(name="a")\n`,
    line: 5,
    good: `${imports}ok = Widget.validate("a", strict=True)\nw = Widget.build(name="a")\n`,
    ...toy,
  },
  {
    name: 'attribute of an instance typed by its annotation',
    rule: 'api/unknown-attribute',
    bad: `${imports}def area(w: Widget) -> int:\n    return w.volume\n`,
    line: 6,
    good: `${imports}def area(w: Widget) -> int:\n    return w.area + w.size + len(w.name) + int(w.rendered)\n`,
    ...toy,
  },
  {
    name: 'pydantic model: fields declared on the class and its indexed bases, BaseModel\'s own API',
    rule: 'api/unknown-attribute',
    bad: `${models}def run(job: ModelBatchInput) -> object:\n    return job.input_state\n`,
    line: 5,
    good: `${models}def run(job: ModelBatchInput, one: ModelJobInput[int]) -> object:\n    return job.data, job.operation_id, job.batch_size, job.retries, job.describe(), job.model_dump(), job.model_config, one.data\n`,
    ...toy,
  },
  {
    name: 'pydantic model without model_config (pydantic\'s default drops extra fields), generic annotation',
    rule: 'api/unknown-attribute',
    bad: `${models}def run(one: ModelJobInput[int]) -> object:\n    return one.payload\n`,
    line: 5,
    good: `${models}def run(one: ModelJobInput[int]) -> object:\n    return one.model_copy(update={"data": 1}).data\n`,
    ...toy,
  },
  {
    name: 'enum member of a package enum (base enum in the package)',
    rule: 'api/unknown-enum-member',
    bad: `${imports}code = ToyErrorCode.MISSING\n`,
    line: 5,
    good: `${imports}code = ToyErrorCode.NOT_FOUND\ntext = code.describe()\n`,
    ...toy,
  },
  {
    name: 'lazily served name accepted, unknown one not',
    rule: 'api/unknown-name',
    bad: 'from toypkg import ToyError, Nothing\n',
    line: 1,
    good: 'from toypkg import ToyError, Registry, Service, sub\nfrom toypkg.sub import service\n',
    ...toy,
  },
  {
    name: 'string passed where a type is taken',
    rule: 'api/service-lookup',
    bad: `${imports}def get(c: Container) -> object:\n    return c.get_service("widgets")\n`,
    line: 6,
    good: `${imports}def get(c: Container) -> object:\n    return c.get_service(Widget, "widgets")\n`,
    ...toy,
  },
  {
    name: 'override that is not async / renames the parameter',
    rule: 'api/entry-signature',
    bad: `${imports}class Mine(Service):\n    def process(self, input_data: dict) -> dict:\n        return input_data\n`,
    line: 6,
    good: `${imports}class Mine(Service):\n    async def process(self, input_data: dict, extra: int = 0) -> dict:\n        return self.container.get_service(Widget)\n`,
    ...toy,
  },
]);

describe('api rules stay quiet where the index cannot know', () => {
  test('locals shadowing imports, other packages, classes on unindexed bases', async () => {
    const v = await createValidator({ profile });
    const code = `${imports}def f(Widget: object, items: list) -> object:\n    Widget.anything(1, 2, 3)\n    import json\n    return json.dumps(items, nope=1)\n\n\nclass Local(Service, dict):\n    def run(self) -> object:\n        return self.whatever\n`;
    expect(v.validate(code).issues.filter((i) => i.ruleId.startsWith('api/'))).toEqual([]);
  });

  test('pydantic models whose config allows extra attributes or cannot be read, and models on foreign bases', async () => {
    const v = await createValidator({ profile });
    const read = ['ModelOpenInput', 'ModelLegacyInput', 'ModelSharedConfig', 'ModelOnForeignBase'].map((c, i) => `def f${i}(m: ${c}) -> object:\n    return m.anything_at_all\n`);
    expect(v.validate(`${models}${read.join('\n\n')}`).issues.filter((i) => i.ruleId.startsWith('api/'))).toEqual([]);
  });

  test('a profile whose apiIndex file does not exist fails to load, naming the field', async () => {
    await expect(createValidator({ profile: { id: 'x', extends: 'generic-python', apiIndex: path.join(work, 'missing.json') } })).rejects.toThrow(/apiIndex: no such file/);
  });

  test('an index that is not one fails on first use, naming the bad field', async () => {
    const bad = path.join(work, 'bad-index.json');
    fs.writeFileSync(bad, JSON.stringify({ package: 'toypkg', modules: { toypkg: { functions: { f: { params: [{ name: 'a', kind: 'weird', default: false }] } } } } }));
    const v = await createValidator({ profile: { id: 'x', extends: 'generic-python', apiIndex: bad, rules: { 'api/unknown-name': {} } } });
    expect(() => v.validate('from toypkg import f\n')).toThrow(/invalid API index .*modules\.toypkg\.functions\.f\.params\.0\.kind/);
  });
});

// The index builder on a small package tree of our own (test/fixtures/api-index/src/toypkg), the
// compaction, the view's name resolution, and the shipped omnibase_core index.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { ApiIndexView } from '../../src/api-index/api-view.js';
import { buildApiIndex, findPackageDir, type BuildApiIndexResult } from '../../src/api-index/build-index.js';
import { compactApiIndex } from '../../src/api-index/compact.js';
import { DEFAULT_API_INDEX, loadApiIndex } from '../../src/api-index/load-index.js';
import { ApiIndexSchema } from '../../src/api-index/schema.js';
import { loadPythonParser } from '../../src/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/api-index/', import.meta.url));
let built: BuildApiIndexResult;

beforeAll(async () => {
  built = buildApiIndex(path.join(fixtures, 'src'), { packageName: 'toypkg', parser: await loadPythonParser(), source: 'toypkg fixture' });
});

describe('buildApiIndex on a fixture package', () => {
  test('one module per importable file, in the shape of the omnibase_core index', () => {
    expect(Object.keys(built.index.modules)).toEqual(['toypkg', 'toypkg.core', 'toypkg.errors', 'toypkg.models', 'toypkg.sub', 'toypkg.sub.service']);
    expect(ApiIndexSchema.parse(built.index)).toEqual(built.index);
    expect(built.index).toMatchObject({ package: 'toypkg', source: 'toypkg fixture' });
  });

  test('a file with a syntax error is skipped and said so', () => {
    expect(built.skipped).toEqual([{ file: path.join(fixtures, 'src/toypkg/broken/__init__.py'), reason: expect.stringContaining('syntax error at 1:12') }]);
  });

  test('functions: every parameter kind, defaults, annotations, async, returns', () => {
    const core = built.index.modules['toypkg.core']!;
    expect(core.functions!['make']).toEqual({
      async: false,
      decorators: [],
      params: [
        { name: 'name', kind: 'positional_or_keyword', default: false, annotation: null },
        { name: 'size', kind: 'positional_or_keyword', default: true, annotation: null },
        { name: 'args', kind: 'var_positional', default: false, annotation: null },
        { name: 'flag', kind: 'keyword_only', default: false, annotation: 'bool' },
        { name: 'kwargs', kind: 'var_keyword', default: false, annotation: null },
      ],
      returns: 'Widget',
    });
    expect(core.functions!['fetch']!.async).toBe(true);
    const validate = core.classes!['Widget']!.methods!['validate']!;
    expect(validate.decorators).toEqual(['staticmethod']);
    expect(validate.params.map((p) => p.kind)).toEqual(['positional_only', 'positional_or_keyword']);
  });

  test('classes: bases as written, methods, class-body and self attributes', () => {
    const widget = built.index.modules['toypkg.core']!.classes!['Widget']!;
    expect(widget.bases).toEqual([]);
    expect(Object.keys(widget.methods!)).toEqual(['__init__', 'area', 'build', 'validate', 'render']);
    expect(widget.attributes!.sort()).toEqual(['_cache', 'kind', 'label', 'name', 'rendered', 'size']);
    expect(widget.members).toBeUndefined();
    expect(built.index.modules['toypkg.sub.service']!.classes!['Service']!.attributes).toEqual(['container']);
  });

  test('pydantic models: annotated class-level fields (with or without a default) are attributes; a literal config records extra', () => {
    const models = built.index.modules['toypkg.models']!.classes!;
    expect(models['ModelJobInput']).toMatchObject({ bases: ['BaseModel', 'Generic[T]'] });
    expect(models['ModelJobInput']!.attributes!.sort()).toEqual(['data', 'operation_id', 'retries']);
    expect(models['ModelJobInput']!.extra).toBeUndefined(); // no model_config: pydantic's default
    expect(models['ModelBatchInput']).toMatchObject({ bases: ['ModelJobInput[dict]'], extra: 'forbid' });
    expect(models['ModelBatchInput']!.attributes!.sort()).toEqual(['batch_size', 'model_config']);
    expect(models['ModelOpenInput']!.extra).toBe('allow');
    expect(models['ModelLegacyInput']).toMatchObject({ extra: 'allow' });
    expect(models['ModelLegacyInput']!.attributes).toContain('model_config');
    expect(models['ModelSharedConfig']!.extra).toBeUndefined(); // not a literal: unknown
    expect(models['ModelSharedConfig']!.attributes).toContain('model_config');
  });

  test('enums: members of a class whose base is an enum of the package (not _sunder_ names)', () => {
    const errors = built.index.modules['toypkg.errors']!.classes!;
    expect(errors['ToyErrorCode']).toMatchObject({ bases: ['ToyErrorBase'], members: ['NOT_FOUND', 'TIMEOUT', 'OPERATION_FAILED'], attributes: [] });
    expect(errors['ToyErrorBase']!.members).toEqual([]);
    expect(errors['ToyError']!.members).toBeUndefined();
  });

  test('names, re-exports (relative imports resolved, aliases kept) and names a module __getattr__ serves', () => {
    const root = built.index.modules['toypkg']!;
    expect(root.reexports).toEqual({ Widget: 'toypkg.core.Widget', make_widget: 'toypkg.core.make', ToyErrorCode: 'toypkg.errors.ToyErrorCode' });
    expect(root.names).toEqual(['_LAZY', '__all__', '__version__']);
    // compared with ==, with `in {...}`, and looked up in a module-level dict; the error message's words are not names
    expect(root.lazy).toEqual(['Container', 'Registry', 'Service', 'ToyError', 'lookup']);
    const service = built.index.modules['toypkg.sub.service']!;
    expect(service.reexports).toEqual({ TypeVar: 'typing.TypeVar', _Widget: 'toypkg.core.Widget', errors: 'toypkg.errors' });
    expect(service.names).toEqual(['T']);
    // bound under `if TYPE_CHECKING:` and in try/except too
    expect(built.index.modules['toypkg.core']!.reexports).toMatchObject({ Container: 'toypkg.sub.service.Container' });
    expect(built.index.modules['toypkg.core']!.names).toEqual(['DEFAULT_SIZE', 'LIMIT', 'a', 'b', 'json_impl']);
  });

  test('the package is found as SRC_DIR/NAME, SRC_DIR/src/NAME or SRC_DIR itself; else a clear error', () => {
    const pkg = path.join(fixtures, 'src/toypkg');
    expect(findPackageDir(path.join(fixtures, 'src'), 'toypkg')).toBe(pkg);
    expect(findPackageDir(fixtures, 'toypkg')).toBe(pkg);
    expect(findPackageDir(pkg, 'toypkg')).toBe(pkg);
    expect(() => findPackageDir(fixtures, 'otherpkg')).toThrow(/no package "otherpkg"/);
  });
});

describe('the index view', () => {
  test('resolves re-exports, lazily served names (to their unique definition), submodules and nothing else', () => {
    const view = new ApiIndexView(built.index);
    expect(view.member('toypkg', 'Widget')).toMatchObject({ kind: 'class', module: 'toypkg.core', name: 'Widget' });
    expect(view.member('toypkg', 'make_widget')).toMatchObject({ kind: 'function', module: 'toypkg.core', name: 'make' });
    expect(view.member('toypkg', 'ToyError')).toMatchObject({ kind: 'class', module: 'toypkg.errors' });
    expect(view.member('toypkg', 'Registry')).toEqual({ kind: 'opaque', module: 'toypkg', name: 'Registry' });
    expect(view.member('toypkg', 'sub')).toEqual({ kind: 'module', module: 'toypkg.sub' });
    expect(view.member('toypkg.sub.service', 'TypeVar')).toEqual({ kind: 'external', origin: 'typing.TypeVar' });
    expect(view.member('toypkg', 'Nothing')).toBeUndefined();
    const code = view.member('toypkg', 'ToyErrorCode');
    expect(code?.kind === 'class' && view.isEnumClass(code)).toBe(true);
  });

  test('compaction keeps what the rules read and drops the rest', () => {
    const compact = compactApiIndex(built.index);
    const widget = compact.modules['toypkg.core']!.classes!['Widget']!;
    expect(widget.methods!['area']).toEqual({ decorators: ['property'], params: [{ name: 'self', kind: 'positional_or_keyword', default: false }] });
    expect(widget.methods!['render']!.async).toBe(true);
    expect(JSON.stringify(compact)).not.toContain('"returns"');
    expect(compact.modules['toypkg.sub']).toEqual({});
    const full = new ApiIndexView(built.index);
    const small = new ApiIndexView(compact);
    for (const [m, n] of [['toypkg', 'ToyError'], ['toypkg', 'make_widget'], ['toypkg.core', 'Container'], ['toypkg', 'Registry']] as const) {
      expect(small.member(m, n)?.kind).toBe(full.member(m, n)?.kind);
    }
  });
});

describe('the shipped omnibase_core index', () => {
  test('has the modules and entries generated code leans on', () => {
    const view = loadApiIndex(DEFAULT_API_INDEX);
    expect(view.package).toBe('omnibase_core');
    const code = view.member('omnibase_core', 'EnumCoreErrorCode');
    expect(code).toMatchObject({ kind: 'class', module: 'omnibase_core.errors.error_codes' });
    expect(code?.kind === 'class' && code.cls.members).toHaveLength(81);
    const log = view.member('omnibase_core.logging.structured', 'emit_log_event_sync');
    expect(log?.kind === 'function' && log.fn.params.map((p) => p.name)).toEqual(['level', 'message', 'context']);
    const container = view.member('omnibase_core.models.container.model_onex_container', 'ModelONEXContainer');
    expect(container?.kind === 'class' && container.cls.methods!['get_service']!.params.map((p) => p.annotation ?? null)).toEqual([null, 'type[T]', 'str | None']);
    for (const [m, c] of [['node_compute', 'NodeCompute'], ['node_reducer', 'NodeReducer'], ['node_orchestrator', 'NodeOrchestrator']]) {
      const base = view.member(`omnibase_core.nodes.${m}`, c!);
      expect(base?.kind === 'class' && Object.keys(base.cls.methods!)).toContain('process');
    }
  });
});

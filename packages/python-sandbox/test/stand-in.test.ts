// The stand-in must keep the real API's names and signatures: the generator checks its sources,
// and this test asks a real Python about the generated modules (inspect.signature) against the
// index copy, so a hand edit of runtime/stand-in or a stale generation fails here.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { STAND_IN_DIR } from '@onexgen/python-sandbox';

const INDEX = fileURLToPath(new URL('../scripts/onex-api/omnibase_core-subset.json', import.meta.url));
// CI's python3; ONEXGEN_TEST_PYTHON picks another (e.g. one without pydantic).
const PYTHON = process.env.ONEXGEN_TEST_PYTHON ?? 'python3';
const GENERATOR = fileURLToPath(new URL('../scripts/gen-runtime.mjs', import.meta.url));

const COMPARE = `
import importlib, inspect, json, sys
from omnibase_core._model_base import StandInModel
index = json.load(open(sys.argv[1]))["modules"]
kinds = {"POSITIONAL_ONLY": "positional_only", "POSITIONAL_OR_KEYWORD": "positional_or_keyword",
         "VAR_POSITIONAL": "var_positional", "KEYWORD_ONLY": "keyword_only", "VAR_KEYWORD": "var_keyword"}
def shape(params):
    return [(p["name"], p["kind"], p["default"]) for p in params]
def actual(fn):
    # The receiver is positional either way; pydantic declares it positional-only.
    return [(n, "positional_or_keyword" if i == 0 and n in ("self", "cls") else k, d) for i, (n, k, d) in enumerate(_actual(fn))]
def _actual(fn):
    if isinstance(fn, property):
        fn = fn.fget
    fn = getattr(fn, "__func__", fn)
    fn = getattr(fn, "__wrapped__", fn)
    return [(n, kinds[p.kind.name], p.default is not inspect.Parameter.empty) for n, p in inspect.signature(fn).parameters.items()]
checked, problems = 0, []
for name, mod in index.items():
    module = importlib.import_module(name)
    for fname, spec in mod["functions"].items():
        if fname.startswith("_"): continue
        checked += 1
        if not hasattr(module, fname): problems.append(f"{name}.{fname} missing"); continue
        if actual(getattr(module, fname)) != shape(spec["params"]): problems.append(f"{name}.{fname} signature")
    for cname, cls in mod["classes"].items():
        if cname.startswith("_"): continue
        if not hasattr(module, cname): problems.append(f"{name}.{cname} missing"); continue
        obj = getattr(module, cname)
        if cls.get("members"):
            checked += 1
            if [m.name for m in obj] != cls["members"]: problems.append(f"{name}.{cname} members")
        pydantic_model = isinstance(obj, type) and issubclass(obj, StandInModel)
        for mname, spec in cls["methods"].items():
            if mname.startswith("_") and mname != "__init__": continue
            # model_* of a model class are pydantic's own (or, without pydantic, the fallback's).
            if pydantic_model and mname.startswith("model_"): continue
            checked += 1
            raw = inspect.getattr_static(obj, mname, None)
            if raw is None: problems.append(f"{name}.{cname}.{mname} missing"); continue
            if actual(raw) != shape(spec["params"]): problems.append(f"{name}.{cname}.{mname} signature {actual(raw)} != {shape(spec['params'])}")
# A package re-exports what the real one does, wherever the stand-in simulates the target.
for name, mod in index.items():
    module = importlib.import_module(name)
    if not module.__file__.endswith("__init__.py"): continue
    for local, target in mod["reexports"].items():
        target_module, _, attr = target.rpartition(".")
        if target_module not in index or local.startswith("_"): continue
        source = importlib.import_module(target_module)
        if not hasattr(source, attr): continue
        checked += 1
        if getattr(module, local, None) is not getattr(source, attr): problems.append(f"{name}.{local} does not re-export {target}")
print(json.dumps({"checked": checked, "problems": problems}))
`;

describe('omnibase_core stand-in', () => {
  it('has every public function, class, enum member and method of the index with its exact parameters', () => {
    const out = execFileSync(PYTHON, ['-c', COMPARE, INDEX], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PYTHONPATH: STAND_IN_DIR, PYTHONDONTWRITEBYTECODE: '1' } });
    const { checked, problems } = JSON.parse(out.toString()) as { checked: number; problems: string[] };
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('serves the 81 EnumCoreErrorCode members and ModelOnexError lazily from the package', () => {
    const out = execFileSync(
      'python3',
      ['-c', 'import omnibase_core as o, sys; print(len(o.EnumCoreErrorCode), "EnumCoreErrorCode" in sys.modules.get("omnibase_core").__dict__, o.ModelOnexError("m", error_code=o.EnumCoreErrorCode.NOT_FOUND).error_code.name)'],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PYTHONPATH: STAND_IN_DIR, PYTHONDONTWRITEBYTECODE: '1' } },
    );
    expect(out.toString().trim()).toBe('81 False NOT_FOUND');
  });

  it('is what scripts/gen-runtime.mjs generates from its sources and the index (the built output is current)', () => {
    expect(execFileSync(process.execPath, [GENERATOR, '--check']).toString()).toMatch(/matches its sources/);
  });
});

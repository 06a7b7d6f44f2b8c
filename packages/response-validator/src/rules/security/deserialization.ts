// Loading untrusted data with pickle/marshal/shelve, and yaml.load without a safe loader.
import type { Rule } from '../rule.js';
import { callArguments, calleeText, lastSegment, unwrap } from '../tree/nodes.js';

const UNSAFE_LOADS = new Set([
  'pickle.load', 'pickle.loads', 'pickle.Unpickler', 'cPickle.load', 'cPickle.loads', 'dill.load', 'dill.loads',
  '_pickle.loads', 'marshal.load', 'marshal.loads', 'shelve.open', 'shelve.DbfilenameShelf', 'jsonpickle.decode',
  'pandas.read_pickle', 'pd.read_pickle',
]);

export const unsafeDeserialization: Rule = {
  id: 'security/unsafe-deserialization',
  category: 'security',
  severity: 'error',
  summary: 'pickle/marshal/shelve load untrusted data (runs code)',
  bandit: 'B301,B302',
  cwe: 'CWE-502',
  check(ctx) {
    for (const call of ctx.nodes('call')) {
      const callee = ctx.qualify(calleeText(call));
      if (UNSAFE_LOADS.has(callee)) {
        ctx.report(call, `${callee}() can execute code embedded in the data: exchange JSON (json.loads) or a validated model (pydantic) instead`);
      }
    }
  },
};

const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);

export const yamlUnsafeLoad: Rule = {
  id: 'security/yaml-unsafe-load',
  category: 'security',
  severity: 'error',
  summary: 'yaml.load without a safe Loader',
  bandit: 'B506',
  cwe: 'CWE-20',
  check(ctx) {
    for (const call of ctx.nodes('call')) {
      const callee = ctx.qualify(calleeText(call));
      if (callee === 'yaml.unsafe_load' || callee === 'yaml.unsafe_load_all') {
        ctx.report(call, `${callee}() builds arbitrary Python objects: use yaml.safe_load`);
        continue;
      }
      if (callee !== 'yaml.load' && callee !== 'yaml.load_all') continue;
      const args = callArguments(call);
      const loader = args.keywords.get('Loader') ?? args.positional[1];
      if (loader && SAFE_LOADERS.has(lastSegment(unwrap(loader).text))) continue;
      ctx.report(call, `${callee}() without Loader=yaml.SafeLoader can build arbitrary objects: use yaml.safe_load(...)`);
    }
  },
};

// Loading untrusted data with pickle and its relatives (marshal, shelve, dill, cloudpickle, joblib,
// jsonpickle, pandas.read_pickle, numpy.load(allow_pickle=True), torch.load without
// weights_only=True), and YAML loaders that build arbitrary objects.
import type { Rule } from '../rule.js';
import { isTrue, lastSegment, unwrap } from '../tree/nodes.js';
import { oncePerLine } from './once-per-line.js';

const UNSAFE_LOADS = new Set([
  'pickle.load', 'pickle.loads', 'pickle.Unpickler', 'cPickle.load', 'cPickle.loads', 'cPickle.Unpickler', '_pickle.load',
  '_pickle.loads', '_pickle.Unpickler', 'dill.load', 'dill.loads', 'cloudpickle.load', 'cloudpickle.loads', 'joblib.load',
  'marshal.load', 'marshal.loads', 'shelve.open', 'shelve.DbfilenameShelf', 'jsonpickle.decode', 'jsonpickle.loads',
  'pandas.read_pickle', 'sklearn.externals.joblib.load', 'keras.models.load_model', 'pickle.Unpickler().load',
]);

export const unsafeDeserialization: Rule = {
  id: 'security/unsafe-deserialization',
  category: 'security',
  severity: 'error',
  summary: 'pickle/marshal/shelve/dill/joblib/torch.load on untrusted data (runs code)',
  bandit: 'B301,B302,B614',
  cwe: 'CWE-502',
  check(ctx) {
    const once = oncePerLine(ctx);
    for (const site of ctx.sites()) {
      const callee = site.callee;
      let unsafe = UNSAFE_LOADS.has(callee) || /^(pickle|_pickle|cPickle|dill)\.Unpickler\(\)\.load$/.test(callee);
      if (callee === 'numpy.load') unsafe = isTrue(site.keywords.get('allow_pickle'));
      if (callee === 'torch.load') unsafe = site.argsKnown && !isTrue(site.keywords.get('weights_only'));
      if (unsafe) once(site.node, `${callee}() can execute code embedded in the data: exchange JSON (json.loads) or a validated model (pydantic) instead`);
    }
  },
};

const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);

export const yamlUnsafeLoad: Rule = {
  id: 'security/yaml-unsafe-load',
  category: 'security',
  severity: 'error',
  summary: 'yaml.load without a safe Loader (or unsafe_load/full_load, ruamel typ="unsafe")',
  bandit: 'B506',
  cwe: 'CWE-20',
  check(ctx) {
    const once = oncePerLine(ctx);
    for (const site of ctx.sites()) {
      const callee = site.callee;
      if (['yaml.unsafe_load', 'yaml.unsafe_load_all', 'yaml.full_load', 'yaml.full_load_all'].includes(callee)) {
        once(site.node, `${callee}() builds arbitrary Python objects: use yaml.safe_load`);
        continue;
      }
      if ((callee === 'ruamel.yaml.YAML' || callee === 'ruamel.YAML') && ['unsafe'].includes(ctx.names.constant(site.keywords.get('typ') ?? site.node) ?? '')) {
        once(site.node, 'YAML(typ="unsafe") builds arbitrary Python objects: use YAML(typ="safe")');
        continue;
      }
      if ((callee !== 'yaml.load' && callee !== 'yaml.load_all') || !site.argsKnown) continue;
      const loader = site.keywords.get('Loader') ?? site.positional[1];
      if (loader && SAFE_LOADERS.has(lastSegment(ctx.names.resolve(loader) ?? unwrap(loader).text))) continue;
      once(site.node, `${callee}() without Loader=yaml.SafeLoader can build arbitrary objects: use yaml.safe_load(...)`);
    }
  },
};

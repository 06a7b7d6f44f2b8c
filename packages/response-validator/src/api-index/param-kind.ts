// The parser's parameter kinds in the index's vocabulary (Python's inspect.Parameter kinds).
import type { PyParam } from '../parser/types.js';
import type { ApiParam } from './schema.js';

const KIND: Record<PyParam['kind'], ApiParam['kind']> = {
  positional: 'positional_or_keyword',
  positional_only: 'positional_only',
  keyword_only: 'keyword_only',
  var_positional: 'var_positional',
  var_keyword: 'var_keyword',
};

export function apiParam(p: PyParam): ApiParam {
  return { name: p.name, kind: KIND[p.kind], default: p.default !== undefined, annotation: p.annotation ?? null };
}

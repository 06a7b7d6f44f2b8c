import { describe, expect, it } from '@jest/globals';
import { normalizeSignature } from '../src/index.js';
import { words } from '../src/features/tokenize.js';

/** The entity masking as it was first written, a regular expression per signature: the oracle. */
function regexShape(methodName: string, param: string): string {
  const [, ...rest] = words(methodName);
  const entity = rest.join('_');
  const w = words(param);
  if (w.length === 0 || w[0] === 'self') return '';
  return entity ? w.join('_').replace(new RegExp(`(^|_)${entity}(s?)(?=_|$)`, 'g'), '$1*$2') : w.join('_');
}

describe('normalizeSignature params', () => {
  it('masks the entity in parameter names, plural included', () => {
    const sig = normalizeSignature({ nodeType: 'effect', methodName: 'create_order_item', params: ['self', 'order_item', 'order_items_by_id', 'orderItemId', 'order', 'item'] });
    expect(sig.entity).toBe('order_item');
    expect(sig.params).toEqual(['*', '*_id', '*s_by_id', 'item', 'order'].sort());
  });

  it('gives what the per-signature regular expression gave, over names built from one vocabulary', () => {
    const vocabulary = ['user', 'users', 'id', 'order', 'item', 'items', 'address', 'addresss', 'data', 's', 'user_user', 'x'];
    const methods = ['get', 'get_user', 'create_order_item', 'update_address', 'delete_s', 'list_user_user', 'fetch_items'];
    let compared = 0;
    for (const methodName of methods) {
      for (const a of vocabulary) {
        for (const b of ['', ...vocabulary]) {
          const param = b ? `${a}_${b}` : a;
          const expected = regexShape(methodName, param);
          const got = normalizeSignature({ nodeType: 'compute', methodName, params: [param] }).params;
          expect([methodName, param, got]).toEqual([methodName, param, expected ? [expected] : []]);
          compared += 1;
        }
      }
    }
    expect(compared).toBe(methods.length * vocabulary.length * (vocabulary.length + 1));
  });
});

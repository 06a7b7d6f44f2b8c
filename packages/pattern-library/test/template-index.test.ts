import { describe, expect, test } from '@jest/globals';
import { linearFindSimilar, normalizeSignature, TemplateIndex } from '../src/index.js';
import { parameterize } from '../src/templates/parameterize.js';
import { signatureSimilarity, type NormalizedSignature } from '../src/templates/signature.js';

const NODE_TYPES = ['effect', 'compute', 'reducer', 'orchestrator'] as const;
const VERBS = ['create', 'get', 'update', 'delete', 'sync'];
const FEATURES = ['connection pooling', 'transactions', 'retry', 'caching', 'validation', 'batch'];

function seeded(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

function signatures(count: number, seed: number): (NormalizedSignature & { id: number })[] {
  const r = seeded(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    ...normalizeSignature({
      nodeType: NODE_TYPES[r(4)]!,
      methodName: `${VERBS[r(VERBS.length)]}_${['user', 'order'][r(2)]}`,
      params: ['self', 'user'],
      features: [FEATURES[r(6)]!, FEATURES[r(6)]!],
      pattern: r(2) ? 'CRUD' : null,
    }),
  }));
}

describe('TemplateIndex', () => {
  test('returns exactly what a linear scan returns, at every threshold', () => {
    const templates = signatures(600, 3);
    const index = new TemplateIndex<(typeof templates)[number]>();
    for (const t of templates) index.upsert(t);
    expect(index.size).toBe(600);
    for (const query of signatures(60, 11)) {
      for (const min of [0, 0.5, 0.75, 0.76, 0.8, 0.95]) {
        const ours = index.findSimilar(query, min, 5).map((h) => [h.template.id, h.similarity]);
        const peer = linearFindSimilar(templates, query, min, 5).map((h) => [h.template.id, h.similarity]);
        expect(ours).toEqual(peer);
      }
    }
  });

  test('an upsert that changes the verb moves the template to its new bucket', () => {
    const [a] = signatures(1, 5);
    const index = new TemplateIndex<typeof a & object>();
    index.upsert(a!);
    const moved = { ...a!, verb: 'archive' };
    index.upsert(moved);
    expect(index.size).toBe(1);
    expect(index.findSimilar(a!, 0.8, 5)).toEqual([]);
    expect(index.findSimilar(moved, 0.8, 5)[0]!.template).toBe(moved);
  });

  test('similarity is 1 for equal signatures and at most 0.75 across node types or verbs', () => {
    const a = normalizeSignature({ nodeType: 'effect', methodName: 'create_user', features: ['caching'], params: ['user'] });
    const b = normalizeSignature({ nodeType: 'effect', methodName: 'create_order', features: ['cache'], params: ['order'] });
    expect(signatureSimilarity(a, b)).toBe(1);
    expect(signatureSimilarity(a, { ...b, nodeType: 'compute' })).toBeCloseTo(0.75, 10);
    expect(signatureSimilarity(a, { ...b, verb: 'get' })).toBeCloseTo(0.75, 10);
  });
});

describe('parameterize', () => {
  test('replaces the entity in all its spellings on word boundaries, plural first', () => {
    const code = 'users = await repo.list_users(user_id)\nUser = UserModel(user)\nLOG_USER = "UserService"\nsuperuser = reuser\n';
    const p = parameterize(code, 'user');
    expect(p.body).toBe(
      '<%entities%> = await repo.list_<%entities%>(<%entity%>_id)\n<%Entity%> = <%Entity%>Model(<%entity%>)\nLOG_<%ENTITY%> = "<%Entity%>Service"\nsuperuser = reuser\n',
    );
    expect(p.parameters).toEqual(['ENTITY', 'Entity', 'entities', 'entity']);
  });

  test('picks other delimiters when the code already contains the default ones', () => {
    const p = parameterize('x = "<%"  # user\n', 'user');
    expect(p.tags).toEqual(['[[@', '@]]']);
    expect(p.body).toBe('x = "<%"  # [[@entity@]]\n');
  });
});

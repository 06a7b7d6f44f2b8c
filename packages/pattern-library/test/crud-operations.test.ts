// Offline bodies for the operations of a CRUD effect node: one per declared operation, built from
// data/crud-operations.yaml and data/templates/crud_operation.mustache, and the entry method that
// dispatches to them by name — each checked by the real validator (onex-v2, api rules included).
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, type Validator } from '@onexgen/response-validator';
import { crudOperationKind, generateOperationCode, generatePatternCode } from '../src/index.js';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator({ profile: 'onex-v2' });
});

const USER_STORE = {
  name: 'user_store',
  entity: 'user',
  table: 'users',
  operations: [{ name: 'create_user' }, { name: 'get_user' }, { name: 'update_user' }, { name: 'delete_user' }, { name: 'list_users' }],
};
const errorsOf = (code: string, methodName: string, imports: string[]) =>
  validator
    // an operation method's parameter is input_data (the skeleton's `async def <op>(self, input_data: dict[str, Any])`)
    .validate(code, { fragment: true, nodeType: 'effect', methodName, fileImports: imports, knownNames: methodName === 'execute_effect' ? [] : ['input_data'] })
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.ruleId}@${i.line}: ${i.message}`);

describe('crudOperationKind', () => {
  test('the verb in the name decides; list before read; no verb, no kind', () => {
    expect(['create_user', 'get_user', 'list_users', 'get_all_users', 'update_user', 'delete_user', 'health_check'].map(crudOperationKind)).toEqual([
      'create',
      'read',
      'list',
      'list',
      'update',
      'delete',
      undefined,
    ]);
  });
});

describe('generateOperationCode', () => {
  test('create_user: parameterised INSERT … RETURNING in a transaction, data required', () => {
    const g = generateOperationCode(USER_STORE, 'effect', 'NodeUserStoreEffect', 'create_user')!;
    expect(g.code).toContain('"INSERT INTO users (data) VALUES ($1::jsonb) RETURNING id, data",\n                json.dumps(data),');
    expect(g.code).toContain('async with conn.transaction():');
    expect(g.code).toContain('error_code=EnumCoreErrorCode.INVALID_INPUT');
    expect(g.imports).toEqual(expect.arrayContaining(['import asyncpg', 'import json']));
    expect(errorsOf(g.code, 'create_user', g.imports)).toEqual([]);
  });

  test('get_user: SELECT by id, RESOURCE_NOT_FOUND when no row', () => {
    const g = generateOperationCode(USER_STORE, 'effect', 'NodeUserStoreEffect', 'get_user')!;
    expect(g.code).toContain('row = await conn.fetchrow("SELECT id, data FROM users WHERE id = $1", record_id)');
    expect(g.code).toMatch(/if row is None:\n {4}raise ModelOnexError\(\n {8}error_code=EnumCoreErrorCode\.RESOURCE_NOT_FOUND/);
    expect(g.code).toContain('error_code=EnumCoreErrorCode.MISSING_REQUIRED_PARAMETER');
    expect(g.imports).not.toContain('import json');
    expect(errorsOf(g.code, 'get_user', g.imports)).toEqual([]);
  });

  test('update_user, delete_user and list_users: by id in a transaction, a bounded page', () => {
    const update = generateOperationCode(USER_STORE, 'effect', 'NodeUserStoreEffect', 'update_user')!;
    expect(update.code).toContain('"UPDATE users SET data = $2::jsonb WHERE id = $1 RETURNING id, data",\n                record_id,\n                json.dumps(data),');
    const del = generateOperationCode(USER_STORE, 'effect', 'NodeUserStoreEffect', 'delete_user')!;
    expect(del.code).toContain('"DELETE FROM users WHERE id = $1 RETURNING id", record_id');
    expect(del.code).toContain('RESOURCE_NOT_FOUND');
    const list = generateOperationCode(USER_STORE, 'effect', 'NodeUserStoreEffect', 'list_users')!;
    expect(list.code).toContain('rows = await conn.fetch("SELECT id, data FROM users ORDER BY id LIMIT $1 OFFSET $2", limit, offset)');
    expect(list.code).toContain('"users": [dict(r) for r in rows]');
    for (const [g, name] of [[update, 'update_user'], [del, 'delete_user'], [list, 'list_users']] as const) {
      expect(g.code).not.toMatch(/IMPLEMENTATION REQUIRED|SELECT 1|NotImplementedError|\bpass\b/);
      expect(errorsOf(g.code, name, g.imports)).toEqual([]);
    }
  });

  test('declared fields bind one $n per column', () => {
    const g = generateOperationCode({ ...USER_STORE, fields: ['email', 'display_name'] }, 'effect', 'NodeUserStoreEffect', 'update_user')!;
    expect(g.code).toContain('"UPDATE users SET email = $2, display_name = $3 WHERE id = $1 RETURNING id, email, display_name"');
    expect(g.code).toContain('params.get("email"), params.get("display_name")');
    expect(g.imports).not.toContain('import json');
  });

  test('nothing for an undeclared or verb-less operation, or a node without a pool', () => {
    expect(generateOperationCode(USER_STORE, 'effect', 'NodeUserStoreEffect', 'purge_cache')).toBeUndefined();
    expect(generateOperationCode({ ...USER_STORE, operations: ['health_check'] }, 'effect', 'NodeX', 'health_check')).toBeUndefined();
    expect(generateOperationCode(USER_STORE, 'compute', 'NodeX', 'create_user')).toBeUndefined();
  });
});

describe('the CRUD entry method', () => {
  test('dispatches by the declared operation names when every one is a CRUD operation', () => {
    const g = generatePatternCode('CRUD', USER_STORE, 'effect', 'NodeUserStoreEffect');
    for (const op of USER_STORE.operations) expect(g.code).toContain(`"${op.name}": self.${op.name},`);
    expect(g.code).toContain('return await handler(parameters)');
    expect(g.code).not.toContain('INSERT INTO');
    expect(errorsOf(g.code, 'execute_effect', g.imports)).toEqual([]);
  });

  test('keeps its own statement table when an operation is not a CRUD one', () => {
    const g = generatePatternCode('CRUD', { ...USER_STORE, operations: ['create_user', 'health_check'] }, 'effect', 'NodeUserStoreEffect');
    expect(g.code).not.toContain('handlers = {');
    expect(g.code).toContain('INSERT INTO users');
  });
});

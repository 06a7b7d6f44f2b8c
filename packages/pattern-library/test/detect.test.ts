import { describe, expect, test } from '@jest/globals';
import { detectAllPatterns, detectPattern, PatternLibraryError } from '../src/index.js';

const fullCrud = {
  name: 'user_management',
  capabilities: [
    { name: 'create_user', description: 'Insert a user record' },
    { name: 'get_user' },
    { name: 'update_user' },
    { name: 'delete_user' },
  ],
  tags: ['database', 'postgres'],
};

describe('detectPattern', () => {
  test('a full CRUD contract scores at least 0.95 with evidence per operation', () => {
    const d = detectPattern(fullCrud)!;
    expect(d.kind).toBe('CRUD');
    expect(d.confidence).toBeGreaterThanOrEqual(0.95);
    expect(d.evidence).toEqual(expect.arrayContaining(['capabilities "create_user": create ("create")', 'capabilities "delete_user": delete ("delete")']));
  });

  test('half of CRUD stays below 0.9 and below the default threshold', () => {
    const half = { capabilities: ['create_order', 'get_order'], tags: ['database'] };
    const all = detectAllPatterns(half, 0);
    const crud = all.find((d) => d.kind === 'CRUD')!;
    expect(crud.confidence).toBeLessThan(0.9);
    expect(crud.confidence).toBeGreaterThan(0.4);
    expect(detectPattern(half)).toBeNull();
    expect(detectPattern(half, { minConfidence: 0.4 })?.kind).toBe('CRUD');
  });

  test('a vague contract scores below 0.6 for every kind', () => {
    const vague = { name: 'helper', capabilities: [{ name: 'do_stuff', description: 'Handles things' }], tags: ['misc'] };
    for (const d of detectAllPatterns(vague, 0)) expect(d.confidence).toBeLessThan(0.6);
    expect(detectPattern(vague)).toBeNull();
  });

  test('matches whole words: "reset", "settings", "address" and "offset" are not set/add', () => {
    const tricky = { capabilities: ['reset_password', 'load_settings_offset', 'address_lookup', 'preset_updates'] };
    const crud = detectAllPatterns(tricky, 0).find((d) => d.kind === 'CRUD')!;
    expect(crud.evidence.join(' ')).not.toMatch(/"set"|"add"/);
    expect(crud.evidence.join(' ')).toMatch(/read \("load"\)/);
    expect(crud.evidence.join(' ')).toMatch(/read \("lookup"\)/);
    expect(crud.evidence.join(' ')).toMatch(/update \("updates"\)/);
    // the substring matcher upstream would have counted "set" in reset/offset and "add" in address
    expect(crud.confidence).toBeLessThan(0.9);
  });

  test('detects orchestration, aggregation, transformation and event processing from io_operations, operations and tags', () => {
    expect(detectPattern({ operations: ['coordinate_workflow', 'dispatch_step'] })?.kind).toBe('Orchestration');
    expect(detectPattern({ operations: ['aggregate_sales', 'group_by_region'], tags: ['analytics'] })?.kind).toBe('Aggregation');
    expect(detectPattern({ capabilities: [{ name: 'transform_payload' }, { name: 'validate_schema' }] })?.kind).toBe('Transformation');
    expect(detectPattern({ io_operations: [{ operation_type: 'consume_events' }, { operation_type: 'kafka_message' }] })?.kind).toBe('EventProcessing');
  });

  test('detectAllPatterns returns every kind above the threshold, strongest first', () => {
    const mixed = { capabilities: ['create_order', 'read_order', 'update_order', 'delete_order', 'publish_order_event'], tags: ['database'] };
    const all = detectAllPatterns(mixed);
    expect(all.map((d) => d.kind)).toEqual(['CRUD', 'EventProcessing']);
    expect(all[0]!.confidence).toBeGreaterThan(all[1]!.confidence);
    // equal confidence: the table order (CRUD first) decides, every time
    const tied = detectAllPatterns({ capabilities: ['create_order', 'read_order', 'update_order', 'delete_order', 'publish_order_event'] });
    expect(tied.map((d) => [d.kind, d.confidence])).toEqual([['CRUD', 0.95], ['EventProcessing', 0.95]]);
  });

  test('rejects a malformed contract naming the field', () => {
    expect(() => detectPattern({ capabilities: 'create_user' })).toThrow(PatternLibraryError);
    expect(() => detectPattern({ capabilities: 'create_user' })).toThrow(/capabilities/);
  });
});

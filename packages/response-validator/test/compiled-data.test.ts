// The build's compiled data: YAML data files → checked JSON, and the shipped API index → its packed
// form. Both must answer exactly what the sources answer (the built CLI reads only the compiled copies).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { ApiIndexView } from '../src/api-index/api-view.js';
import { DEFAULT_API_INDEX, readApiIndexFile } from '../src/api-index/load-index.js';
import { openPackedIndex, packApiIndex } from '../src/api-index/packed-index.js';
import type { ApiIndex } from '../src/api-index/schema.js';
import { COMPILED_DATA_FILES, compileDataFiles, readDataFile } from '../src/data-files.js';
import { ProfileSchema } from '../src/profiles/schema.js';
import { BuiltinsFileSchema } from '../src/validation/builtins.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rv-compiled-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const schemaOf = (name: string) => (name === 'python/builtins' ? BuiltinsFileSchema : ProfileSchema);

describe('compiled YAML data files', () => {
  test('each compiled JSON holds what the YAML gives through its schema, and is what readDataFile returns', () => {
    const written = compileDataFiles(tmp, schemaOf);
    expect(written).toHaveLength(COMPILED_DATA_FILES.length);
    for (const name of COMPILED_DATA_FILES) {
      const fromYaml = readDataFile(name, schemaOf(name), path.join(tmp, 'absent'));
      const fromJson = readDataFile(name, schemaOf(name), tmp);
      expect(fromYaml.compiled).toBe(false);
      expect(fromJson.compiled).toBe(true);
      expect(fromJson.data).toEqual(fromYaml.data);
      expect(fromJson.source).toBe(fromYaml.source);
    }
  });

  test('a YAML data file that breaks its schema fails the build with the file and field', () => {
    const strict = BuiltinsFileSchema.extend({ required: BuiltinsFileSchema.shape.names });
    expect(() => compileDataFiles(path.join(tmp, 'bad'), (name) => (name === 'python/builtins' ? strict : ProfileSchema))).toThrow(/builtins\.yaml: required: /);
  });
});

describe('packed API index', () => {
  const toy: ApiIndex = {
    package: 'toy',
    source: 'toy 1.0',
    modules: {
      toy: { reexports: { Thing: 'toy.things.Thing' }, lazy: ['helper'] },
      'toy.things': { classes: { Thing: { bases: ['object'], attributes: ['size'] } }, functions: { helper: { params: [] } } },
      'toy.other': { functions: { helper: { params: [{ name: 'x', kind: 'positional_or_keyword', default: false }] } } },
    },
  };

  test('answers like the index in memory: modules, names, definitions (a module parsed only when asked)', () => {
    const packed = openPackedIndex(packApiIndex(toy));
    expect(packed.package).toBe('toy');
    expect(packed.source).toBe('toy 1.0');
    expect(packed.moduleNames()).toEqual(Object.keys(toy.modules));
    for (const name of packed.moduleNames()) expect(packed.module(name)).toEqual(toy.modules[name]);
    expect(packed.module('toy.missing')).toBeUndefined();
    expect(packed.module('constructor')).toBeUndefined();
    expect(packed.definingModules('helper')).toEqual(['toy.things', 'toy.other']);
    expect(packed.definingModules('toString')).toEqual([]);
    const view = new ApiIndexView(packed);
    expect(view.member('toy', 'Thing')).toMatchObject({ kind: 'class', module: 'toy.things' });
    expect(view.uniqueDefinition('helper')).toBeUndefined();
    expect(view.definitionsOf('helper').map((d) => d.kind === 'function' && d.module)).toEqual(['toy.things', 'toy.other']);
  });

  test('the shipped omnibase_core index packs without loss', () => {
    const index = readApiIndexFile(DEFAULT_API_INDEX);
    const packed = openPackedIndex(packApiIndex(index));
    const eager = new ApiIndexView(index);
    const lazy = new ApiIndexView(packed);
    for (const name of Object.keys(index.modules)) expect(packed.module(name)).toEqual(index.modules[name]);
    for (const name of ['ModelONEXContainer', 'NodeCompute', 'EnumCoreErrorCode', 'emit_log_event_sync', 'ModelComputeInput']) {
      expect(lazy.definitionsOf(name)).toEqual(eager.definitionsOf(name));
      expect(lazy.definitionsOf(name).length).toBeGreaterThan(0);
    }
  });
});

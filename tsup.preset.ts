// The bundle every package, the app and llm-sim build with tsup (each tsup.config.ts adds its
// entries and what it bundles): ESM and CJS with types, for Node 20.
import type { Options } from 'tsup';

export const packageBuild: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  // import.meta.url in the CJS build (data files are located relative to the module); a module
  // that does not use it gets no shim.
  shims: true,
};

/** ky ships ESM only: CJS consumers get `ky.default.get is not a function` unless it is bundled. */
export const BUNDLE_KY = ['ky'];

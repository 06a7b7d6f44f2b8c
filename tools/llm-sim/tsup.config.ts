import { defineConfig } from 'tsup';
import { BUNDLE_KY, packageBuild } from '../../tsup.preset';

export default defineConfig({
  ...packageBuild,
  entry: ['src/index.ts'],
  noExternal: BUNDLE_KY,
});

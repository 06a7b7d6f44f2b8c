import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.preset';

export default defineConfig({
  ...packageBuild,
  entry: ['src/index.ts', 'src/experiments.ts'],
});

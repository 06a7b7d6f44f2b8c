import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.preset';

export default defineConfig({
  ...packageBuild,
  // three entries: the pipeline; its error type alone (the CLI loads that at start-up, the rest when a
  // command runs); opening the migrated database alone (db migrate and read-only commands need no more)
  entry: ['src/index.ts', 'src/errors.ts', 'src/database.ts'],
});

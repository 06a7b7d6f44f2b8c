import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.preset';

export default defineConfig({
  ...packageBuild,
  // six entries: the pipeline; its error type alone (the CLI loads that at start-up, the rest when a
  // command runs); opening the migrated database alone (db migrate and read-only commands need no more);
  // reading node files alone (`onexgen stubs`); the thread that parses a large node file
  // (node/file-facts-async.ts starts it); the operations the validation thread runs for the run
  // (session/open-session.ts names the file)
  entry: ['src/index.ts', 'src/errors.ts', 'src/database.ts', 'src/node-files.ts', 'src/file-input-thread.ts', 'src/assembly-operations.ts'],
});

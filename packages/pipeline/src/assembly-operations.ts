// Node-source work the run hands to its validation thread (response-validator's thread extensions):
// a generated node file's import tidy parses the whole file, and on the run's thread it was a
// fourteenth of the time once answers were checked elsewhere (tools/bench pipeline-bench). Loaded by
// the thread from the built file (assembly-operations-path.ts); the same functions run here when
// there is no thread.
import { tidyGeneratedImports } from '@onexgen/node-source';
import type { PythonParser, ThreadOperations } from '@onexgen/response-validator';

export const threadOperations = {
  tidyGeneratedImports: ({ source }: { source: string }, { parser }: { parser: PythonParser }) => tidyGeneratedImports(parser, source),
} satisfies ThreadOperations;

// Node-source work the run hands to its validation thread (response-validator's thread extensions):
// injecting a node's bodies checks the result with a parse, and a generated node file's import
// tidy parses the whole file (node/generated-file.ts); on the run's thread they were a sixth of its
// time once answers were checked elsewhere (tools/bench pipeline-bench). Loaded by the thread from
// the built file (assembly-operations-path.ts); the same functions run on the run's thread when
// there is no thread.
import { injectBodies, type BodyInjection, type InjectionBase } from '@onexgen/node-source';
import { unpackFragment, type PythonParser, type ThreadOperations, type TravellingFragment } from '@onexgen/response-validator';
import { assembleGeneratedFile } from './node/generated-file.js';

/** injectBodies' arguments as they travel: each body's parse packed (packFragment). */
export interface InjectPayload {
  source: string;
  injections: (Omit<BodyInjection, 'parsed'> & { parsed?: TravellingFragment })[];
  original?: InjectionBase;
}

export const threadOperations = {
  injectBodies: ({ source, injections, original }: InjectPayload, { parser }: { parser: PythonParser }): { source: string; addedImports: string[] } =>
    injectBodies(parser, source, unpacked(injections), original),
  assembleGeneratedFile: ({ source, injections, original }: InjectPayload, { parser }: { parser: PythonParser }): { source: string; addedImports: string[] } =>
    assembleGeneratedFile(parser, source, unpacked(injections), original),
} satisfies ThreadOperations;

function unpacked(injections: InjectPayload['injections']): BodyInjection[] {
  return injections.map(({ parsed, ...injection }) => (parsed ? { ...injection, parsed: unpackFragment(parsed) } : injection));
}

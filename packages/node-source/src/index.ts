// Public entry of @onexgen/node-source: the one owner of Python node source edits.
// Read a node file byte-exactly, find its stubs, inject bodies and imports, write it back safely.
export { NodeSourceError, type NodeSourceErrorCode } from './errors.js';
export {
  readNodeSource,
  decodeNodeSource,
  DEFAULT_MAX_NODE_FILE_BYTES,
  type NodeSource,
  type ReadNodeSourceOptions,
} from './file/read-node-source.js';
export { writeNodeSource, encodeNodeSource, type WriteNodeSourceOptions, type WriteNodeSourceResult } from './file/write-node-source.js';
export { writeFileAtomic, writeDirAtomic, type AtomicWriteOptions } from './file/atomic-write.js';
export { uncommittedChange } from './file/git-status.js';
export type { NodeEncoding } from './file/codecs.js';
export { findStubs, stubToJson, type Stub, type FindStubsOptions } from './stubs/find-stubs.js';
export type { StubKind, StubMarker } from './stubs/judge.js';
export { injectBodies, type BodyInjection, type InjectResult } from './inject/inject-bodies.js';
export { mergeImports } from './inject/imports.js';
export { sortImports, importsSorted, renderImports, sectionOf, leadingImportBlock, type ImportSection, type ImportOrderOptions, type ImportBlock } from './inject/import-order.js';
export { removeUnusedImports, tidyGeneratedImports } from './inject/unused-imports.js';
export { BackupRun, undoRun, readManifest, type BackupManifest, type UndoResult } from './history/backups.js';

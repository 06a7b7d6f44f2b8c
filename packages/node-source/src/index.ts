// Public entry of @onexgen/node-source: the one owner of Python node source edits.
// Read a node file byte-exactly, find its stubs, inject bodies and imports, write it back safely.
export { NodeSourceError, type NodeSourceErrorCode } from './errors.js';
export { readNodeSource, decodeNodeSource, type NodeSource } from './file/read-node-source.js';
export { writeNodeSource, encodeNodeSource } from './file/write-node-source.js';
export { writeFileAtomic, writeDirAtomic } from './file/atomic-write.js';
export { uncommittedChange } from './file/git-status.js';
export { findStubs, findStubsIn, stubToJson, type FileNode, type FindStubsOptions, type Stub } from './stubs/find-stubs.js';
export { injectBodies, type BodyInjection, type InjectOptions } from './inject/inject-bodies.js';
export { injectionBase, type InjectionBase } from './inject/injection-base.js';
export { mergeImports } from './inject/imports.js';
export { sortImports, importsSorted, sectionOf } from './inject/import-order.js';
export { removeUnusedImports, tidyGeneratedImports } from './inject/unused-imports.js';
export { BackupRun, undoRun, readManifest } from './history/backups.js';

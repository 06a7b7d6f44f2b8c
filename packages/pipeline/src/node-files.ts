// Reading node files alone (what a file's parse shows, off the caller's thread for a large file):
// `onexgen stubs` needs it without loading the rest of the pipeline.
export { fileFactsAsync, type FileFactsOptions } from './node/file-facts-async.js';
export { validFacts, type FileFacts } from './node/file-facts.js';

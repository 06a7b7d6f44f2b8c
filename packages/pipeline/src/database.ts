// `@onexgen/pipeline/database`: the migrated database a command works on, without loading the rest
// of the pipeline (db migrate, status and the read-only commands start faster).
export { openDatabaseFor } from './session/open-database-for.js';

// The configuration a command runs with (files, env, flags) and the --db check, apart from
// run-pipeline.ts so commands that only need the database (db migrate) load nothing else.
import { loadConfig } from '../config/load-config.js';
import { flagLayer, type CommonOptions } from './common-options.js';
import { dbKind, dbSource } from './db-target.js';
import type { CliIO } from './io.js';

/** The configuration cascade for a command, its `db` checked against the accepted forms (exit 2 otherwise). */
export function configFor(io: CliIO, opts: CommonOptions & { fileConcurrency?: string }) {
  const loaded = loadConfig({
    cwd: io.cwd,
    env: io.env,
    ...(opts.config ? { configFile: opts.config } : {}),
    flags: {
      ...flagLayer(opts),
      ...(opts.fileConcurrency ? { fileConcurrency: Number(opts.fileConcurrency) } : {}),
    },
  });
  dbKind(loaded.config.db, dbSource(loaded.origin.db, loaded.files));
  return loaded;
}

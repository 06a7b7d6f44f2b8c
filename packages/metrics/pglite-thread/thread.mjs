// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs every
// statement synchronously in the thread that owns it. Here, that is not the pipeline's thread, so
// opening the database (seconds of WebAssembly start-up) and each statement no longer stop the CLI
// from answering SIGINT / SIGTERM, and the statements use the machine's second core.
//
// Plain JavaScript on purpose: a worker thread is started from a file, and this one must run the
// same from the package's source (jest), its build and an installed tarball.
//
// Protocol (messages from the opening thread, each answered once with the same id):
//   { id, op: 'query', sql, params, rowMode, rawTypes, tx? }  → { id, result: { rows, fields, affectedRows } }
//   { id, op: 'begin' }                                       → { id } once the transaction holds the database
//   { id, op: 'end', tx, commit }                             → { id } once committed or rolled back
//   { id, op: 'close' }                                       → { id }
// A failure answers { id, error: { message, ...the PostgreSQL error's fields } }.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** PostgreSQL error fields worth keeping across the thread boundary (PGlite's DatabaseError). */
const ERROR_FIELDS = ['code', 'detail', 'hint', 'position', 'schema', 'table', 'column', 'constraint', 'severity', 'where'];

function describe(err) {
  const out = { message: err instanceof Error ? err.message : String(err) };
  if (err && typeof err === 'object') for (const k of ERROR_FIELDS) if (err[k] !== undefined) out[k] = err[k];
  return out;
}

const identity = (value) => value;
const parserSets = new Map();
/** drizzle asks PGlite to hand some types back as text (dates, intervals): its parsers are identities. */
function parsersFor(rawTypes) {
  if (!rawTypes || rawTypes.length === 0) return undefined;
  const key = rawTypes.join(',');
  let set = parserSets.get(key);
  if (!set) {
    set = Object.fromEntries(rawTypes.map((oid) => [oid, identity]));
    parserSets.set(key, set);
  }
  return set;
}

/**
 * PostgreSQL's buffer pool: 16 MB instead of the 128 MB the data folder's postgresql.conf asks for.
 * In WebAssembly the pool is ordinary memory that PostgreSQL clears page by page as it starts, so its
 * size was paid on every open: opening and closing a new database from the template took 0.47 s
 * (memory://) and 0.75 s (a folder) less CPU, peak memory 431 → 376 MB and 422 → 319 MB (medians of
 * five alternating pairs, tools/bench/README.md session 19). The database holds a run's metrics,
 * small beside that; a page not in the pool is a copy from memory (memory://) or from the OS's file
 * cache (a folder).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

const { dataDir, template, pgliteWasmModule } = workerData;
let db;
try {
  // one options object: PGlite drops its second argument when the first is not a folder's path
  // (memory:// without the template), and with it the compiled module and the start parameters
  db = new PGlite({ ...(template ? { loadDataDir: new Blob([template]) } : { dataDir }), pgliteWasmModule, startParams: START_PARAMS });
  await db.waitReady;
} catch (err) {
  parentPort.postMessage({ id: 0, error: describe(err) });
  process.exit(1);
}

/** open transactions by id: the PGlite transaction and how to end it */
const transactions = new Map();

async function handle(message) {
  switch (message.op) {
    case 'query': {
      const target = message.tx === undefined ? db : transactions.get(message.tx)?.tx;
      if (!target) throw new Error(`transaction ${message.tx} is not open`);
      const parsers = parsersFor(message.rawTypes);
      const r = await target.query(message.sql, message.params, { rowMode: message.rowMode, ...(parsers ? { parsers } : {}) });
      return { result: { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows } };
    }
    case 'begin':
      return new Promise((began, failed) => {
        // PGlite's transaction holds the database until the callback settles: other statements wait,
        // as they do in-process. The callback settles when the opening thread says commit or rollback.
        let opened = false;
        const done = db.transaction(
          (tx) =>
            new Promise((commit, rollback) => {
              opened = true;
              transactions.set(message.id, { tx, commit, rollback, done });
              began({});
            }),
        );
        done.then(
          () => transactions.delete(message.id),
          (err) => {
            transactions.delete(message.id);
            if (!opened) failed(err);
          },
        );
      });
    case 'end': {
      const open = transactions.get(message.tx);
      if (!open) throw new Error(`transaction ${message.tx} is not open`);
      if (message.commit) open.commit();
      else open.rollback(new Error('rolled back'));
      try {
        await open.done;
      } catch (err) {
        if (message.commit) throw err;
      }
      return {};
    }
    case 'close':
      await db.close();
      return {};
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

parentPort.on('message', (message) => {
  handle(message).then(
    (answer) => parentPort.postMessage({ id: message.id, ...answer }),
    (err) => parentPort.postMessage({ id: message.id, error: describe(err) }),
  );
});
parentPort.postMessage({ id: 0 });

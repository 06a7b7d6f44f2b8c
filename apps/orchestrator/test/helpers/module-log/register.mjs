// `node --import <this file> …`: records every module URL the ESM loader resolves, one per line, in
// the file named by ONEXGEN_MODULE_LOG (the hooks run on the loader's own thread, so they append).
import { register } from 'node:module';

register('./resolve-hook.mjs', import.meta.url, { data: { log: process.env.ONEXGEN_MODULE_LOG } });

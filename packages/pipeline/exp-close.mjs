import { openDatabaseFor } from '@onexgen/pipeline/database';
const t0=performance.now();
const h = await openDatabaseFor('memory://', process.cwd());
const t1=performance.now();
await h.close();
console.log({open:(t1-t0)|0});

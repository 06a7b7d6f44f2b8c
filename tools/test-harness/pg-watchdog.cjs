// Detached helper: when the process that started the test server dies without stopping it
// (SIGKILL, crash), stop the server and remove its temp dir so nothing is left running.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [parentPid, bin, dataDir, dir, user] = process.argv.slice(2);

function alive(pid) {
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

const timer = setInterval(() => {
  if (alive(parentPid)) return;
  clearInterval(timer);
  const pgCtl = path.join(bin, 'pg_ctl');
  const args = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
  try {
    if (user) execFileSync('runuser', ['-u', user, '--', pgCtl, ...args], { stdio: 'ignore' });
    else execFileSync(pgCtl, args, { stdio: 'ignore' });
  } catch {
    /* already down */
  }
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}, 1000);

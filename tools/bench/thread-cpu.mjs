// Where a process's CPU goes by kind of thread, once a second, from Linux's per-thread counters
// (/proc/self/task/*/stat): the main thread, the threads that existed when this module loaded
// (V8's platform workers — TurboFan's concurrent compiles, the GC's parallel and concurrent work —
// and libuv's pool), and the threads started later (worker_threads: the validation thread, PGlite's).
// process.cpuUsage() counts them all; V8's CPU profiles see only JavaScript threads, so the helper
// threads' share shows nowhere else.
// Usage: node --import ./tools/bench/thread-cpu.mjs --import tsx tools/bench/pipeline-bench.mjs --skip-overhead
// Prints to stderr: `threads <s>: main <ms> · platform+libuv <ms> · worker threads <ms>` (ms of CPU
// in that second), and the totals at exit (a thread that ends is counted up to the last sample
// before it did). Linux only; a worker thread that loads it too stays quiet.
import { readdirSync, readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** CPU ms per thread id: utime + stime, in clock ticks of 10 ms. */
function readThreads() {
  const out = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // fields after the command name, which may hold spaces and is closed by the last ')'
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

if (isMainThread) {
  const main = String(process.pid);
  const early = new Set([...readThreads().keys()].filter((tid) => tid !== main));
  const started = Date.now();
  let last = readThreads();
  const totals = { main: 0, platform: 0, workers: 0 };
  const sample = () => {
    const now = readThreads();
    const second = { main: 0, platform: 0, workers: 0 };
    for (const [tid, ms] of now) {
      const kind = tid === main ? 'main' : early.has(tid) ? 'platform' : 'workers';
      second[kind] += ms - (last.get(tid) ?? 0);
    }
    last = now;
    for (const k of Object.keys(totals)) totals[k] += second[k];
    return second;
  };
  const timer = setInterval(() => {
    const s = sample();
    process.stderr.write(`threads ${((Date.now() - started) / 1000).toFixed(0)}s: main ${s.main} · platform+libuv ${s.platform} · worker threads ${s.workers}\n`);
  }, 1000);
  timer.unref();
  process.on('exit', () => {
    sample();
    process.stderr.write(`threads total: main ${totals.main} ms · platform+libuv ${totals.platform} ms · worker threads ${totals.workers} ms\n`);
  });
}

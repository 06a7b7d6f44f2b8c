// The live progress display (listr2): one line per node with the stage of each of its methods.
// Only on a terminal; silent with --json, in CI, or when stderr is not a TTY. listr2's colours
// follow NO_COLOR / FORCE_COLOR.
import { Listr, type ListrTaskWrapper } from 'listr2';
import type { ProgressEvent, ProgressSink } from '../pipeline/progress-events.js';
import { silentProgress } from '../pipeline/progress-events.js';
import type { CliIO } from './io.js';

export interface ProgressDisplay {
  sink: ProgressSink;
  /** runs the work while the display is shown; resolves with the work's result */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** characters of a streaming answer shown on its method's line */
const TAIL_CHARS = 48;

export function progressEnabled(io: CliIO, json: boolean): boolean {
  return !json && io.isTTY && !io.env.CI && io.env.TERM !== 'dumb';
}

export function createProgressDisplay(io: CliIO, labels: readonly string[], enabled: boolean): ProgressDisplay {
  if (!enabled || labels.length === 0) return { sink: silentProgress, run: (work) => work() };
  const stages = new Map<string, Map<string, string>>(labels.map((l) => [l, new Map()]));
  const tasks = new Map<string, ListrTaskWrapper<unknown, never, never>>();
  const finish = new Map<string, () => void>();
  const done = new Map(labels.map((l) => [l, new Promise<void>((resolve) => finish.set(l, resolve))]));
  const refresh = (label: string): void => {
    const task = tasks.get(label);
    const methods = stages.get(label);
    if (!task || !methods) return;
    task.output = [...methods].map(([m, s]) => `${m}: ${s}`).join('\n');
  };
  // the last characters a streaming answer sent, per method: the line shows them as they arrive
  const tails = new Map<string, string>();
  const sink: ProgressSink = (e: ProgressEvent) => {
    const methods = stages.get(e.node);
    if (!methods) return;
    const key = `${e.node}\u0000${e.method}`;
    let streamed = '';
    if (e.text !== undefined) {
      const tail = `${tails.get(key) ?? ''}${e.text}`.replace(/\s+/g, ' ').slice(-TAIL_CHARS);
      tails.set(key, tail);
      streamed = ` ${e.tokens ?? 0} tokens …${tail}`;
    } else {
      tails.delete(key);
    }
    methods.set(e.method, `${e.stage}${e.attempt ? ` #${e.attempt}` : ''}${e.detail ? ` (${e.detail})` : ''}${streamed}`);
    refresh(e.node);
  };
  return {
    sink,
    async run(work) {
      const list = new Listr(
        labels.map((label) => ({
          title: label,
          task: async (_ctx: unknown, task: ListrTaskWrapper<unknown, never, never>) => {
            tasks.set(label, task);
            refresh(label);
            await done.get(label);
          },
        })),
        { concurrent: true, exitOnError: false, rendererOptions: { collapseSubtasks: false, outputBar: Number.POSITIVE_INFINITY } } as never,
      );
      const shown = list.run().catch(() => undefined);
      try {
        return await work();
      } finally {
        for (const resolve of finish.values()) resolve();
        await shown;
      }
    },
  };
}

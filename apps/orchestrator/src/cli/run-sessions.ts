// A worker's pipeline sessions, one per queued run it is working on. A session is opened on the
// run's first job here and closed once none of the run's jobs is in flight here and either
//   - another run's session is about to open and it has been idle `handOverAfterMs`: it closes
//     first, so its validation thread (parser loaded, V8's optimised code compiled) is handed on
//     warm to the new session (a run idle only for a moment between two of its jobs is left open:
//     two runs whose jobs alternate must not close and reopen each other's sessions), or
//   - it has been idle `idleMs`: a long-running worker holds only the runs it is working on, not
//     every run it ever saw (each session holds a thread, a sandbox, a metrics store).
// A job that arrives for a closed run opens it again (same id: the run's budget row, its records).
import type { OpenedSession } from '@onexgen/pipeline';

export interface RunSessions {
  /** the run's open session, opened now if it has none */
  sessionFor(runId: string, stored: unknown): Promise<OpenedSession>;
  /** runs `work` (a job of the run) with the run marked busy, so its session stays open meanwhile */
  during<T>(runId: string, work: () => Promise<T>): Promise<T>;
  /** the runs whose session is open */
  readonly open: readonly string[];
  /** closes every session (the worker is stopping: its jobs are finished or released) */
  closeAll(): Promise<void>;
}

export function runSessions(
  openFor: (runId: string, stored: unknown) => Promise<OpenedSession>,
  { idleMs = 30_000, handOverAfterMs = 1_000 } = {},
): RunSessions {
  const sessions = new Map<string, Promise<OpenedSession>>();
  const busy = new Map<string, number>();
  /** open runs with no job running here: since when, and the timer that closes them after idleMs */
  const idle = new Map<string, { since: number; timer: NodeJS.Timeout }>();
  const closing = new Set<Promise<void>>();

  const stopIdling = (runId: string): void => {
    clearTimeout(idle.get(runId)?.timer);
    idle.delete(runId);
  };

  const close = (runId: string): void => {
    const session = sessions.get(runId);
    stopIdling(runId);
    if (!session) return;
    sessions.delete(runId);
    const done: Promise<void> = session
      .then((s) => s.close(), () => undefined)
      .catch(() => undefined)
      .finally(() => closing.delete(done));
    closing.add(done);
  };

  return {
    sessionFor(runId, stored) {
      let session = sessions.get(runId);
      if (!session) {
        const now = Date.now();
        for (const [other, { since }] of [...idle]) if (now - since >= handOverAfterMs) close(other);
        // the closes finish first: a closed session parks its validation thread for this one to take
        const closed = Promise.all(closing);
        const opening: Promise<OpenedSession> = closed.then(() => openFor(runId, stored));
        opening.catch(() => {
          if (sessions.get(runId) === opening) sessions.delete(runId);
        });
        sessions.set(runId, opening);
        session = opening;
      }
      return session;
    },

    async during(runId, work) {
      busy.set(runId, (busy.get(runId) ?? 0) + 1);
      stopIdling(runId);
      try {
        return await work();
      } finally {
        const left = (busy.get(runId) ?? 1) - 1;
        if (left > 0) busy.set(runId, left);
        else {
          busy.delete(runId);
          if (sessions.has(runId)) idle.set(runId, { since: Date.now(), timer: setTimeout(() => close(runId), idleMs).unref() });
        }
      }
    },

    get open() {
      return [...sessions.keys()];
    },

    async closeAll() {
      for (const runId of [...sessions.keys()]) close(runId);
      await Promise.all(closing);
    },
  };
}

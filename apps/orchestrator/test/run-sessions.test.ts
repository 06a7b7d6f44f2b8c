// A worker's sessions per run (src/cli/run-sessions.ts): open while a job of the run is in flight,
// closed before another run's session opens (so the validation thread is handed on) or after idling.
// The sessions here are stand-ins that log their open and close: what is tested is when.
import { describe, expect, test } from '@jest/globals';
import type { OpenedSession } from '@onexgen/pipeline';
import { runSessions } from '../src/cli/run-sessions.js';

function harness(idleMs = 60_000, handOverAfterMs = 0) {
  const log: string[] = [];
  let opened = 0;
  const sessions = runSessions(
    async (runId) => {
      opened += 1;
      log.push(`open ${runId}`);
      return {
        id: runId,
        close: async () => {
          await new Promise((r) => setTimeout(r, 5)); // a close takes a moment (flush, thread parked)
          log.push(`closed ${runId}`);
        },
      } as unknown as OpenedSession;
    },
    { idleMs, handOverAfterMs },
  );
  /** a job of `runId`: takes its session, holds it until `finish` resolves */
  const job = (runId: string, finish: Promise<void> = Promise.resolve()) => sessions.during(runId, async () => (await sessions.sessionFor(runId, {}), await finish, runId));
  return { sessions, log, job, opened: () => opened };
}

const gate = () => {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
};

describe('a worker keeps one session per run', () => {
  test('jobs of one run share its session, which stays open between jobs', async () => {
    const h = harness();
    await Promise.all([h.job('a'), h.job('a'), h.job('a')]);
    await h.job('a');
    expect(h.opened()).toBe(1);
    expect(h.sessions.open).toEqual(['a']);
    await h.sessions.closeAll();
    expect(h.log).toEqual(['open a', 'closed a']);
  });

  test("an idle run's session is closed before the next run's opens (its thread goes on warm)", async () => {
    const h = harness();
    await h.job('a');
    await h.job('b');
    // the close finished before the open started: the order is the hand-over
    expect(h.log).toEqual(['open a', 'closed a', 'open b']);
    expect(h.sessions.open).toEqual(['b']);
    await h.sessions.closeAll();
  });

  test('a run with a job in flight keeps its session when another run opens', async () => {
    const h = harness();
    const a = gate();
    const busy = h.job('a', a.promise);
    await new Promise((r) => setTimeout(r, 1));
    await h.job('b');
    expect([...h.sessions.open].sort()).toEqual(['a', 'b']);
    a.open();
    await busy;
    // now idle: the next run's open closes both idle ones first
    await h.job('c');
    expect(h.log.slice(2, 4).sort()).toEqual(['closed a', 'closed b']);
    expect(h.log.at(-1)).toBe('open c');
    await h.sessions.closeAll();
  });

  test('a run idle only for a moment keeps its session when another run opens (no close-reopen between alternating runs)', async () => {
    const h = harness(60_000, 200);
    await h.job('a');
    await h.job('b'); // a has been idle < 200 ms: both stay open
    expect([...h.sessions.open].sort()).toEqual(['a', 'b']);
    await h.job('a');
    await h.job('b');
    expect(h.opened()).toBe(2);
    await new Promise((r) => setTimeout(r, 250));
    await h.job('c'); // now both have idled long enough: closed before c opens
    expect(h.sessions.open).toEqual(['c']);
    expect(h.log.slice(-1)).toEqual(['open c']);
    await h.sessions.closeAll();
  });

  test('an idle session closes after idleMs; a later job of the run opens it again', async () => {
    const h = harness(20);
    await h.job('a');
    await new Promise((r) => setTimeout(r, 60));
    expect(h.sessions.open).toEqual([]);
    expect(h.log).toEqual(['open a', 'closed a']);
    await h.job('a');
    expect(h.opened()).toBe(2);
    await h.sessions.closeAll();
  });

  test('a job starting again cancels the idle close', async () => {
    const h = harness(30);
    await h.job('a');
    const a = gate();
    const busy = h.job('a', a.promise);
    await new Promise((r) => setTimeout(r, 60));
    expect(h.sessions.open).toEqual(['a']);
    a.open();
    await busy;
    await h.sessions.closeAll();
    expect(h.opened()).toBe(1);
  });

  test('a session that failed to open is not kept: the next job tries again', async () => {
    let fail = true;
    const sessions = runSessions(async (runId) => {
      if (fail) throw new Error('database unreachable');
      return { id: runId, close: async () => undefined } as unknown as OpenedSession;
    });
    await expect(sessions.during('a', () => sessions.sessionFor('a', {}))).rejects.toThrow('database unreachable');
    expect(sessions.open).toEqual([]);
    fail = false;
    await expect(sessions.during('a', () => sessions.sessionFor('a', {}))).resolves.toMatchObject({ id: 'a' });
    await sessions.closeAll();
  });
});

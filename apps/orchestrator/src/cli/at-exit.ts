// Work to do once the command has finished, registered by the code a command loaded. `--version`
// and `--help` load nothing that registers, so the entry has nothing to import or run for them.
type ExitTask = () => void;

const tasks = new Set<ExitTask>();

/** Runs `task` when the CLI's command has finished (once, however often it is registered). */
export function atExit(task: ExitTask): void {
  tasks.add(task);
}

/** Runs and forgets the registered tasks (the entry calls this after the command, before exiting). */
export function runAtExit(): void {
  const pending = [...tasks];
  tasks.clear();
  for (const task of pending) task();
}

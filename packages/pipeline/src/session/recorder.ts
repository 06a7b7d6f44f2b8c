// Records every attempt, generation, context build, fallback and history row through @onexgen/metrics
// without making the pipeline wait on the database: rows are buffered per kind and written in
// batches (a full buffer, the end of each node, the end of the run). A failed write becomes a
// warning; the store's spool keeps what the database refused to take.
import type {
  AttemptInput,
  ContextBuildInput,
  FallbackInput,
  GenerationInput,
  HistoryInput,
  MetricsStore,
  PassInput,
} from '@onexgen/metrics';

const BATCH = 64;

/** What the recorder writes through: a metrics store, or the queue worker's per-job capture. */
export type RecordSink = Pick<MetricsStore, 'recordGenerations' | 'recordAttempts' | 'recordContextBuilds' | 'recordFallbacks' | 'recordHistories' | 'recordPasses' | 'flush'>;

type Kind = 'generation' | 'attempt' | 'contextBuild' | 'fallback' | 'history' | 'pass';

export class Recorder {
  private readonly buffers: { [K in Kind]: unknown[] } = { generation: [], attempt: [], contextBuild: [], fallback: [], history: [], pass: [] };
  private pending: Promise<unknown>[] = [];

  constructor(
    private readonly store: RecordSink,
    readonly sessionId: string,
    private readonly redact: (text: string) => string = (t) => t,
    /** shared with whoever else warns about recording (the metrics spool) */
    readonly warnings: string[] = [],
  ) {}

  private write(kind: Kind): void {
    const rows = this.buffers[kind];
    if (rows.length === 0) return;
    this.buffers[kind] = [];
    const s = this.store;
    const run: Record<Kind, () => Promise<unknown>> = {
      generation: () => s.recordGenerations(rows as GenerationInput[]),
      attempt: () => s.recordAttempts(rows as AttemptInput[]),
      contextBuild: () => s.recordContextBuilds(rows as ContextBuildInput[]),
      fallback: () => s.recordFallbacks(rows as FallbackInput[]),
      history: () => s.recordHistories(rows as HistoryInput[]),
      pass: () => s.recordPasses(rows as PassInput[]),
    };
    this.pending.push(
      run[kind]().catch((err: unknown) => {
        this.warnings.push(this.redact(`metrics: could not record ${rows.length} ${kind} row(s): ${err instanceof Error ? err.message : String(err)}`));
      }),
    );
  }

  private add(kind: Kind, row: unknown): void {
    this.buffers[kind].push(row);
    if (this.buffers[kind].length >= BATCH) this.write(kind);
  }

  generation(input: Omit<GenerationInput, 'sessionId'>): void {
    this.add('generation', { ...input, sessionId: this.sessionId });
  }

  attempt(input: AttemptInput): void {
    this.add('attempt', input);
  }

  contextBuild(input: ContextBuildInput): void {
    this.add('contextBuild', input);
  }

  fallback(input: FallbackInput): void {
    this.add('fallback', { ...input, reason: this.redact(input.reason) });
  }

  history(input: HistoryInput): void {
    this.add('history', { ...input, promptText: this.redact(input.promptText), generatedCode: this.redact(input.generatedCode) });
  }

  /** A plan, code, self-review or review pass of a strategy (generation_passes). */
  pass(input: PassInput): void {
    this.add('pass', { ...input, sessionId: this.sessionId });
  }

  /** Like recording: work that must finish before the run ends but not before the method does. */
  background(what: string, work: () => Promise<unknown>): void {
    this.pending.push(
      work().catch((err: unknown) => {
        this.warnings.push(this.redact(`${what}: ${err instanceof Error ? err.message : String(err)}`));
      }),
    );
  }

  /** Writes what is buffered and waits for every write so far. */
  async flush(): Promise<void> {
    for (const kind of Object.keys(this.buffers) as Kind[]) this.write(kind);
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await Promise.all(batch);
    }
    await this.store.flush();
  }
}

// Records every attempt, generation, context build, fallback and history row through @onexgen/metrics
// without making the pipeline wait on the database: rows are buffered per kind and written in
// batches (a full buffer, the end of each node, the end of the run). A failed write becomes a
// warning; the store's spool keeps what the database refused to take. Other writes that need not
// land before the method returns (response cache entries, pattern usage) get a channel: buffered
// and written in batches at the same moments, one statement per batch instead of one per method —
// on the embedded database every statement is CPU on the pipeline's own thread.
import type {
  AttemptInput,
  ContextBuildInput,
  FallbackInput,
  GenerationInput,
  HistoryInput,
  MetricsStore,
  PassInput,
  RecordInputs,
} from '@onexgen/metrics';

const BATCH = 64;

/** What the recorder writes through: a metrics store, or the queue worker's per-job capture. */
export type RecordSink = Pick<MetricsStore, 'record' | 'flush'>;

/** A write-behind buffer of one kind of row that is not a metrics record. */
interface Channel {
  what: string;
  rows: unknown[];
  write: (rows: unknown[]) => Promise<unknown>;
}

/** Where writes can go behind: what the recorder offers to the stores that batch through it. */
export interface WriteBehind {
  channel<T>(what: string, writeBatch: (rows: T[]) => Promise<unknown>): (row: T) => void;
}

type Kind = 'generation' | 'attempt' | 'contextBuild' | 'fallback' | 'history' | 'pass';

export class Recorder implements WriteBehind {
  private readonly buffers: { [K in Kind]: unknown[] } = { generation: [], attempt: [], contextBuild: [], fallback: [], history: [], pass: [] };
  private pending: Promise<unknown>[] = [];
  private readonly channels: Channel[] = [];

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
    this.pending.push(
      this.store.record(kind, rows as RecordInputs[Kind][]).catch((err: unknown) => {
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
    const row: HistoryInput = { ...input, promptText: this.redact(input.promptText), generatedCode: this.redact(input.generatedCode) };
    if (input.systemPrompt !== undefined) row.systemPrompt = this.redactSystemPrompt(input.systemPrompt);
    this.add('history', row);
  }

  /** every method of a session sends the same long system prompt: redacted once, not per row */
  private lastSystemPrompt: { text: string; redacted: string } | undefined;

  private redactSystemPrompt(text: string): string {
    if (this.lastSystemPrompt?.text !== text) this.lastSystemPrompt = { text, redacted: this.redact(text) };
    return this.lastSystemPrompt.redacted;
  }

  /** A plan, code, self-review or review pass of a strategy (generation_passes). */
  pass(input: PassInput): void {
    this.add('pass', { ...input, sessionId: this.sessionId });
  }

  /**
   * A write-behind channel: rows pushed to it are written by `writeBatch` in batches (a full
   * buffer, every flush). A failed batch becomes a warning naming `what`.
   */
  channel<T>(what: string, writeBatch: (rows: T[]) => Promise<unknown>): (row: T) => void {
    const channel: Channel = { what, rows: [], write: writeBatch as (rows: unknown[]) => Promise<unknown> };
    this.channels.push(channel);
    return (row: T) => {
      channel.rows.push(row);
      if (channel.rows.length >= BATCH) this.writeChannel(channel);
    };
  }

  private writeChannel(channel: Channel): void {
    const rows = channel.rows;
    if (rows.length === 0) return;
    channel.rows = [];
    this.background(`${channel.what}: could not write ${rows.length} row(s)`, () => channel.write(rows));
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
    for (const channel of this.channels) this.writeChannel(channel);
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await Promise.all(batch);
    }
    await this.store.flush();
  }
}

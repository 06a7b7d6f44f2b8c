// Records every attempt, generation, context build, fallback and history row through @onexgen/metrics
// without making the pipeline wait on the database: writes are queued and awaited at flush().
// A failed write becomes a warning (the store's spool keeps what the database refused to take).
import type {
  AttemptInput,
  ContextBuildInput,
  FallbackInput,
  GenerationInput,
  HistoryInput,
  MetricsStore,
} from '@onexgen/metrics';

export class Recorder {
  private pending: Promise<unknown>[] = [];
  readonly warnings: string[] = [];

  constructor(
    private readonly store: MetricsStore,
    readonly sessionId: string,
    private readonly redact: (text: string) => string = (t) => t,
  ) {}

  private queue(what: string, write: () => Promise<unknown>): void {
    this.pending.push(
      write().catch((err: unknown) => {
        this.warnings.push(this.redact(`metrics: could not record ${what}: ${err instanceof Error ? err.message : String(err)}`));
      }),
    );
  }

  generation(input: Omit<GenerationInput, 'sessionId'>): void {
    this.queue('a generation', () => this.store.recordGeneration({ ...input, sessionId: this.sessionId }));
  }

  attempt(input: AttemptInput): void {
    this.queue('an attempt', () => this.store.recordAttempt(input));
  }

  contextBuild(input: ContextBuildInput): void {
    this.queue('a context build', () => this.store.recordContextBuild(input));
  }

  fallback(input: FallbackInput): void {
    this.queue('a fallback', () => this.store.recordFallback({ ...input, reason: this.redact(input.reason) }));
  }

  history(input: HistoryInput): void {
    this.queue('a prompt/code history row', () =>
      this.store.recordHistory({ ...input, promptText: this.redact(input.promptText), generatedCode: this.redact(input.generatedCode) }),
    );
  }

  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await Promise.all(batch);
    }
    await this.store.flush();
  }
}

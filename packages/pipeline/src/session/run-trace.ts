// The run's OpenTelemetry trace as the pipeline feeds it: the run span (opened by the program),
// a span per node and per method, and a CLIENT span per provider attempt (from llm-effect's attempt
// events, found by the method's correlation id). Prompts and code are added only when the tracer
// was created with content on; keys never reach it (attempt events carry none, text is redacted).
import type { AttemptRecord, RunTracer, SpanRef } from '@onexgen/telemetry';
// the attribute names alone: the tracer's module loads OpenTelemetry, which a run without --otel never needs
import { ONEXGEN, type Attributes } from '@onexgen/telemetry/attributes';

export class RunTrace {
  private readonly nodes = new Map<string, SpanRef>();
  private readonly methods = new Map<string, SpanRef>();

  constructor(
    readonly tracer: RunTracer,
    readonly run: SpanRef,
    /** provider name → provider kind (gen_ai.system) */
    private readonly systems: Record<string, string> = {},
  ) {}

  startNode(label: string, attributes: Attributes = {}): void {
    this.nodes.set(label, this.tracer.startNode(this.run, label, attributes));
  }

  endNode(label: string, attributes: Attributes = {}, error?: { type: string; message?: string }): void {
    const span = this.nodes.get(label);
    if (!span) return;
    this.nodes.delete(label);
    this.tracer.end(span, attributes, error);
  }

  startMethod(nodeLabel: string, method: string, correlationId: string, attributes: Attributes = {}): SpanRef {
    const span = this.tracer.startMethod(this.nodes.get(nodeLabel) ?? this.run, method, correlationId, attributes);
    this.methods.set(correlationId, span);
    return span;
  }

  endMethod(correlationId: string, outcome: { verdict?: string; strategy: string; attempts: number; costUsd: number; tokensInput: number; tokensOutput: number; reason?: string }): void {
    const span = this.methods.get(correlationId);
    if (!span) return;
    this.methods.delete(correlationId);
    const fallback = outcome.strategy === 'template_fallback' || outcome.strategy === 'partial';
    this.tracer.end(span, {
      [ONEXGEN.verdict]: outcome.verdict,
      [ONEXGEN.strategy]: outcome.strategy,
      [ONEXGEN.fallback]: fallback,
      [ONEXGEN.fallbackReason]: fallback ? outcome.reason : undefined,
      [ONEXGEN.attempts]: outcome.attempts,
      [ONEXGEN.costUsd]: outcome.costUsd,
      'gen_ai.usage.input_tokens': outcome.tokensInput,
      'gen_ai.usage.output_tokens': outcome.tokensOutput,
    });
  }

  attempt(record: AttemptRecord): void {
    this.tracer.attempt(record, this.systems[record.provider]);
  }

  /** a prompt or the code written, on the method span (only with content on) */
  content(correlationId: string, kind: 'prompt' | 'completion', text: string): void {
    const span = this.methods.get(correlationId);
    if (span && this.tracer.content) this.tracer.recordContent(span, kind, text);
  }

  /** a method that ended in an error (the run stopped): its span ends with it */
  failMethod(correlationId: string, error: unknown): void {
    const span = this.methods.get(correlationId);
    if (!span) return;
    this.methods.delete(correlationId);
    this.tracer.end(span, {}, { type: (error as { code?: string }).code ?? 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

// Learning through @onexgen/pattern-library: learned templates (reuse a body written before for a
// similar task, for free), template learning from good generations, and pattern effectiveness.
import { createPatternStore, createTemplateStore, type TaskSignature } from '@onexgen/pattern-library';
import type { DatabaseHandle, GenerationInput, MetricsStore } from '@onexgen/metrics';
import type { WriteBehind } from './recorder.js';

export interface TemplateHit {
  code: string;
  templateId: number;
  similarity: number;
  /** what the answer this template came from cost (integer micro-dollars) */
  savedMicros: number;
}

/** How an answer is learned: its scores and provenance (plain data). */
export interface LearnOptions {
  score: number;
  costMicros: number;
  origin: 'examples' | 'pending';
  generationId: string;
  model: string;
  checks: string[];
}

type UsageEntry = { patternIds: readonly string[]; passed: boolean; score: number; sessionId: string };

export class Learning {
  private readonly templates;
  private readonly patterns;
  private usage: ((entry: UsageEntry) => void) | undefined;
  readonly warnings: string[] = [];

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly sessionId: string,
    private readonly minLearnScore: number,
    /** writes the generation row in the learning transaction (absent: the template alone) */
    private readonly metrics?: Pick<MetricsStore, 'recordIn'>,
  ) {
    this.templates = createTemplateStore(handle.db, { minLearnScore });
    this.patterns = createPatternStore(handle.db, { minLearnScore });
  }

  private warn(what: string, err: unknown): undefined {
    this.warnings.push(`learning: ${what}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }

  /**
   * Loads the template index at session start (the store loads it once, on the first findSimilar),
   * so the first methods do not wait for a read of the whole table.
   */
  async warm(): Promise<void> {
    await this.templates.findSimilar({ nodeType: 'effect', methodName: 'warm_up' }).catch((e: unknown) => this.warn('load learned templates', e));
  }

  /** The best learned template for this task, rendered for it (counted as a reuse only when used). */
  async findTemplate(signature: TaskSignature): Promise<(TemplateHit & { commit(): Promise<void> }) | undefined> {
    try {
      const hit = await this.templates.findReusable(signature);
      if (!hit) return undefined;
      const { code } = await this.templates.render(hit.template, signature, { record: false });
      return {
        code,
        templateId: hit.template.id,
        similarity: hit.similarity,
        savedMicros: hit.template.costMicros,
        commit: async () => {
          await this.templates.render(hit.template, signature, { sessionId: this.sessionId }).catch((e: unknown) => this.warn('count a template reuse', e));
        },
      };
    } catch (err) {
      return this.warn('find a learned template', err);
    }
  }

  /**
   * Learns a template (with its provenance) and the patterns of a generation that scored at least
   * the threshold. `origin: 'examples'` only when the spec's examples all passed; 'pending'
   * templates are kept and listed but never reused until a person approves them.
   */
  async learnFrom(
    signature: TaskSignature,
    code: string,
    how: LearnOptions,
    /** the generation row that made this code: committed in the same transaction as the template */
    generation?: Omit<GenerationInput, 'sessionId'>,
  ): Promise<void> {
    const { score } = how;
    if (score < this.minLearnScore) return;
    const options = {
      score,
      costMicros: how.costMicros,
      sessionId: this.sessionId,
      origin: how.origin,
      generationId: how.generationId,
      model: how.model.slice(0, 200),
      checks: how.checks,
    };
    const metrics = this.metrics;
    // the template and the generation that made it commit together or not at all: a run killed
    // in between leaves neither, and the recorder's later write of the same row is a no-op
    const learnTemplate = async () => {
      if (!generation || !metrics) return this.templates.learn(signature, code, options);
      const learned = await this.handle.db.transaction(async (tx) => {
        await metrics.recordIn(tx, 'generation', [{ ...generation, sessionId: this.sessionId }]);
        return this.templates.learn(signature, code, options, tx);
      });
      await learned.afterCommit?.();
      return learned;
    };
    await Promise.all([
      learnTemplate().catch((e: unknown) => this.warn('learn a template', e)),
      this.patterns
        .recordLearnedPattern({ code, score, sessionId: this.sessionId, nodeType: signature.nodeType })
        .catch((e: unknown) => this.warn('learn patterns', e)),
    ]);
  }

  /**
   * Writes pattern usage behind, through the run's recorder: one transaction per batch of
   * generations (a full buffer, each node's end, the run's end) instead of one per generation.
   */
  writeUsageThrough(recorder: WriteBehind): void {
    this.usage = recorder.channel<UsageEntry>('learning: pattern usage', (rows) => this.patterns.recordPatternUsageBatch(rows));
  }

  /** Feeds the outcome of a generation to the effectiveness of every pattern its prompt showed. */
  async recordPatternUsage(patternIds: readonly string[], passed: boolean, score: number): Promise<void> {
    if (patternIds.length === 0) return;
    if (this.usage) return this.usage({ patternIds, passed, score, sessionId: this.sessionId });
    // one transaction for all of them: on the embedded database each statement costs pipeline CPU
    await this.patterns
      .recordPatternUsages(patternIds, { passed, score, sessionId: this.sessionId })
      .catch((e: unknown) => this.warn(`record usage of ${patternIds.join(', ')}`, e));
  }

  async effectivenessLookup(): ReturnType<ReturnType<typeof createPatternStore>['effectivenessLookup']> {
    return this.patterns.effectivenessLookup();
  }
}

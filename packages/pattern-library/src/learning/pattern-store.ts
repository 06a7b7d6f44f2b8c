import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { NODE_TYPES } from '@onexgen/onex';
import { PatternLibraryError, describeZodIssues } from '../errors.js';
import { patternEffectiveness, patternLearnedExamples, patternUsage } from '../schema/pattern-library.js';
import type { Pattern } from '../types.js';
import type { PatternDb } from './db.js';
import { DEFAULT_PRUNING, effectivenessFrom, outcomeWeight, type Effectiveness, type EffectivenessLookup, type PruningPolicy } from './effectiveness.js';
import { extractPatternsFromCode, type ExtractedPattern } from './extract.js';

export interface PatternStoreOptions {
  /** generations scoring below this teach nothing (default 0.8) */
  minLearnScore?: number;
  pruning?: PruningPolicy;
}

const learnInput = z.object({
  code: z.string().min(1),
  score: z.number().min(0).max(1),
  sessionId: z.string().max(200).optional(),
  nodeType: z.enum(NODE_TYPES).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type LearnInput = z.input<typeof learnInput>;

const usageInput = z.object({
  passed: z.boolean(),
  score: z.number().min(0).max(1),
  sessionId: z.string().max(200).optional(),
});
export type UsageOutcome = z.input<typeof usageInput>;

export type LearnedExample = typeof patternLearnedExamples.$inferSelect;

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new PatternLibraryError('INPUT_INVALID', `${what}: ${describeZodIssues(result.error.issues)}`, { cause: result.error });
  return result.data;
}

type CountsRow = typeof patternEffectiveness.$inferSelect;

const USAGE_ROWS_PER_INSERT = 5_000;

export function createPatternStore(db: PatternDb, opts: PatternStoreOptions = {}) {
  const minLearnScore = opts.minLearnScore ?? 0.8;
  const pruning = opts.pruning ?? DEFAULT_PRUNING;
  const fromRow = (row: CountsRow): Effectiveness => effectivenessFrom(row.patternId, row, pruning);
  const none = (patternId: string): Effectiveness => effectivenessFrom(patternId, { uses: 0, passes: 0, successSum: 0, scoreSum: 0 }, pruning);

  /** Usage rows and the summed effectiveness increments of checked, de-duplicated entries. */
  const writeUsages = async (entries: { patternIds: string[]; passed: boolean; score: number; sessionId?: string | undefined }[]): Promise<Map<string, Effectiveness>> => {
    const usages = entries.flatMap((e) => e.patternIds.map((patternId) => ({ patternId, passed: e.passed, score: e.score, sessionId: e.sessionId ?? null })));
    if (usages.length === 0) return new Map();
    const sums = new Map<string, { patternId: string; uses: number; passes: number; successSum: number; scoreSum: number }>();
    for (const u of usages) {
      const s = sums.get(u.patternId) ?? { patternId: u.patternId, uses: 0, passes: 0, successSum: 0, scoreSum: 0 };
      s.uses += 1;
      s.passes += u.passed ? 1 : 0;
      s.successSum += outcomeWeight(u.passed, u.score);
      s.scoreSum += u.score;
      sums.set(u.patternId, s);
    }
    const rows = await db.transaction(async (tx) => {
      // 4 parameters a row: stay far below PostgreSQL's 65,535 bind parameters per statement
      for (let i = 0; i < usages.length; i += USAGE_ROWS_PER_INSERT) await tx.insert(patternUsage).values(usages.slice(i, i + USAGE_ROWS_PER_INSERT));
      return tx
        .insert(patternEffectiveness)
        .values([...sums.values()])
        .onConflictDoUpdate({
          target: patternEffectiveness.patternId,
          set: {
            uses: sql`${patternEffectiveness.uses} + excluded.uses`,
            passes: sql`${patternEffectiveness.passes} + excluded.passes`,
            successSum: sql`${patternEffectiveness.successSum} + excluded.success_sum`,
            scoreSum: sql`${patternEffectiveness.scoreSum} + excluded.score_sum`,
            updatedAt: sql`now()`,
          },
        })
        .returning();
    });
    return new Map(rows.map((r) => [r.patternId, fromRow(r)]));
  };

  return {
    extractPatternsFromCode,

    /**
     * Learns from one generation: when its score reaches minLearnScore, every pattern found in the
     * code is stored with its example, session, node type, score and metadata.
     */
    async recordLearnedPattern(input: LearnInput): Promise<{ stored: LearnedExample[]; patterns: ExtractedPattern[] }> {
      const data = check(learnInput, input, 'recordLearnedPattern');
      if (data.score < minLearnScore) return { stored: [], patterns: [] };
      const patterns = await extractPatternsFromCode(data.code);
      if (patterns.length === 0) return { stored: [], patterns };
      const stored = await db
        .insert(patternLearnedExamples)
        .values(
          patterns.map((p) => ({
            patternId: p.patternId,
            patternName: p.name,
            nodeType: data.nodeType ?? null,
            sessionId: data.sessionId ?? null,
            score: data.score,
            code: p.example,
            evidence: p.evidence,
            metadata: data.metadata ?? {},
          })),
        )
        .returning();
      return { stored, patterns };
    },

    /** The best learned examples of one pattern, highest score first (newest first on ties). */
    async learnedExamples(patternId: string, limit = 5): Promise<LearnedExample[]> {
      return db
        .select()
        .from(patternLearnedExamples)
        .where(eq(patternLearnedExamples.patternId, patternId))
        .orderBy(desc(patternLearnedExamples.score), desc(patternLearnedExamples.id))
        .limit(limit);
    },

    /**
     * The best learned example of each catalog pattern, as a pattern of its own (source 'learned',
     * id '<name>_learned_v1') that carries the catalog pattern's metadata and the learned code, so
     * `createCatalog([...catalog.patterns, ...learned])` can match and show what generations wrote.
     */
    async learnedPatterns(catalog: { get(id: string): Pattern | undefined }): Promise<Pattern[]> {
      const rows = await db
        .selectDistinctOn([patternLearnedExamples.patternId])
        .from(patternLearnedExamples)
        .orderBy(patternLearnedExamples.patternId, desc(patternLearnedExamples.score), desc(patternLearnedExamples.id));
      const out: Pattern[] = [];
      for (const row of rows) {
        const base = catalog.get(row.patternId);
        if (!base) continue;
        out.push({
          ...base,
          id: `${base.name}_learned_v1`,
          name: `${base.name}_learned`,
          version: 1,
          codeExample: row.code.endsWith('\n') ? row.code : `${row.code}\n`,
          description: `${base.description} (learned from session ${row.sessionId ?? 'unknown'}, score ${row.score.toFixed(2)})`,
          source: 'learned',
        });
      }
      return out;
    },

    /** Records one use and its validation outcome; the sums move with SQL increments. */
    async recordPatternUsage(patternId: string, outcome: UsageOutcome): Promise<Effectiveness> {
      check(z.string().min(1), patternId, 'recordPatternUsage patternId');
      const data = check(usageInput, outcome, 'recordPatternUsage');
      const weight = outcomeWeight(data.passed, data.score);
      const row = await db.transaction(async (tx) => {
        await tx.insert(patternUsage).values({ patternId, passed: data.passed, score: data.score, sessionId: data.sessionId ?? null });
        const [updated] = await tx
          .insert(patternEffectiveness)
          .values({ patternId, uses: 1, passes: data.passed ? 1 : 0, successSum: weight, scoreSum: data.score })
          .onConflictDoUpdate({
            target: patternEffectiveness.patternId,
            set: {
              uses: sql`${patternEffectiveness.uses} + 1`,
              passes: sql`${patternEffectiveness.passes} + excluded.passes`,
              successSum: sql`${patternEffectiveness.successSum} + excluded.success_sum`,
              scoreSum: sql`${patternEffectiveness.scoreSum} + excluded.score_sum`,
              updatedAt: sql`now()`,
            },
          })
          .returning();
        return updated!;
      });
      return fromRow(row);
    },

    /**
     * One outcome for several patterns (the patterns one generation's prompt showed) in one
     * transaction of two statements, instead of one transaction per pattern: on the embedded
     * database every statement costs CPU on the pipeline's own thread. Duplicate ids count once.
     */
    async recordPatternUsages(patternIds: readonly string[], outcome: UsageOutcome): Promise<Effectiveness[]> {
      const ids = [...new Set(check(z.array(z.string().min(1)), patternIds, 'recordPatternUsages patternIds'))];
      const data = check(usageInput, outcome, 'recordPatternUsages');
      const byId = await writeUsages([{ ...data, patternIds: ids }]);
      return ids.map((id) => byId.get(id)!);
    },

    /**
     * Many generations' outcomes (each with the patterns its prompt showed) in one transaction of
     * two statements: a run's pipeline buffers them and writes a batch per node or per 64 methods.
     * Each generation counts once per pattern it showed (duplicate ids within one count once); the
     * counts move by the batch's sums. Returns the effectiveness after the batch, per pattern id.
     */
    async recordPatternUsageBatch(entries: readonly (UsageOutcome & { patternIds: readonly string[] })[]): Promise<Map<string, Effectiveness>> {
      const checked = check(z.array(usageInput.extend({ patternIds: z.array(z.string().min(1)) })), entries, 'recordPatternUsageBatch');
      return writeUsages(checked.map((e) => ({ ...e, patternIds: [...new Set(e.patternIds)] })));
    },

    async effectiveness(patternId: string): Promise<Effectiveness> {
      const [row] = await db.select().from(patternEffectiveness).where(eq(patternEffectiveness.patternId, patternId));
      return row ? fromRow(row) : none(patternId);
    },

    /** A synchronous snapshot for the matcher (match() must not wait on the database). */
    async effectivenessLookup(): Promise<EffectivenessLookup> {
      const rows = await db.select().from(patternEffectiveness);
      const byId = new Map(rows.map((r) => [r.patternId, fromRow(r)]));
      return (patternId) => byId.get(patternId);
    },

    /** Patterns whose evidence says they keep failing, worst first. */
    async flaggedForPruning(): Promise<Effectiveness[]> {
      const rows = await db.select().from(patternEffectiveness);
      return rows
        .map(fromRow)
        .filter((e) => e.flaggedForPruning)
        .sort((a, b) => a.mean - b.mean || (a.patternId < b.patternId ? -1 : 1));
    },
  };
}

export type PatternStore = ReturnType<typeof createPatternStore>;

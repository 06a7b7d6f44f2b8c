import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { PatternLibraryError, describeZodIssues } from '../errors.js';
import { renderPython } from '../generation/render.js';
import type { PatternDb } from '../learning/db.js';
import { patternTemplates, patternTemplateUses } from '../schema/pattern-library.js';
import { entityForms, parameterize } from './parameterize.js';
import { normalizeSignature, type TaskSignature } from './signature.js';
import { TemplateIndex, type SimilarHit } from './template-index.js';

type Row = typeof patternTemplates.$inferSelect;

/** A learned template as the store hands it out. */
export interface LearnedTemplate {
  id: number;
  signatureKey: string;
  nodeType: string;
  verb: string;
  methodName: string;
  entity: string;
  features: string[];
  pattern: string | null;
  params: string[];
  /** the body with mustache parameters in `tags` delimiters */
  body: string;
  tags: [string, string];
  parameters: string[];
  score: number;
  costMicros: number;
  revision: number;
  usageCount: number;
  savedMicros: number;
  sessionId: string | null;
}

export interface TemplateStoreOptions {
  /** generations scoring below this are not learned (default 0.8) */
  minLearnScore?: number;
}

const learnOpts = z.object({
  score: z.number().min(0).max(1),
  costMicros: z.number().int().min(0).default(0),
  sessionId: z.string().max(200).optional(),
});

function toTemplate(row: Row): LearnedTemplate {
  const [open = '<%', close = '%>'] = row.tags.split(' ');
  return {
    id: row.id,
    signatureKey: row.signatureKey,
    nodeType: row.nodeType,
    verb: row.verb,
    methodName: row.methodName,
    entity: row.entity,
    features: row.features,
    pattern: row.pattern,
    params: row.params,
    body: row.body,
    tags: [open, close],
    parameters: row.parameters,
    score: row.score,
    costMicros: row.costMicros,
    revision: row.revision,
    usageCount: row.usageCount,
    savedMicros: row.savedMicros,
    sessionId: row.sessionId,
  };
}

export interface Savings {
  reuses: number;
  savedMicros: number;
  templates: { id: number; methodName: string; usageCount: number; savedMicros: number }[];
}

export function createTemplateStore(db: PatternDb, opts: TemplateStoreOptions = {}) {
  const minLearnScore = opts.minLearnScore ?? 0.8;
  /**
   * The index, loaded once: the promise is memoised so that concurrent first lookups share one read
   * of the table (a failed load is forgotten, so the next lookup tries again).
   */
  let index: Promise<TemplateIndex<LearnedTemplate>> | undefined;

  const loadIndex = (): Promise<TemplateIndex<LearnedTemplate>> => {
    index ??= (async () => {
      const fresh = new TemplateIndex<LearnedTemplate>();
      for (const row of await db.select().from(patternTemplates).orderBy(patternTemplates.id)) fresh.upsert(toTemplate(row));
      return fresh;
    })().catch((err: unknown) => {
      index = undefined;
      throw err;
    });
    return index;
  };

  /**
   * Keeps a loaded (or loading) index in step with a write. A write that lands while the table is
   * being read may be missing from what the read returns, so the upsert is applied once the load
   * is done, unless the read already returned a later state of that template.
   */
  const upsertLoaded = async (template: LearnedTemplate): Promise<void> => {
    const loading = index;
    if (!loading) return;
    try {
      const loaded = await loading;
      const current = loaded.get(template.id);
      const stale =
        current !== undefined &&
        (current.revision > template.revision || (current.revision === template.revision && current.usageCount > template.usageCount));
      if (!stale) loaded.upsert(template);
    } catch {
      // the load failed and was forgotten: the next lookup reads the table, write included
    }
  };

  return {
    /**
     * Learns the body written for a task. The first body for a signature creates a template; a
     * later one replaces it only when it scored better (an upgrade); otherwise the template stays.
     */
    async learn(
      signature: TaskSignature,
      code: string,
      options: z.input<typeof learnOpts>,
    ): Promise<{ status: 'created' | 'upgraded' | 'kept' | 'rejected'; template?: LearnedTemplate }> {
      const parsed = learnOpts.safeParse(options);
      if (!parsed.success) throw new PatternLibraryError('INPUT_INVALID', `learn: ${describeZodIssues(parsed.error.issues)}`, { cause: parsed.error });
      if (!code.trim()) throw new PatternLibraryError('INPUT_INVALID', 'learn: code is empty');
      const { score, costMicros, sessionId } = parsed.data;
      const sig = normalizeSignature(signature);
      if (score < minLearnScore) return { status: 'rejected' };
      const p = parameterize(code, sig.entity, sig.className);
      const values = {
        signatureKey: sig.key,
        nodeType: sig.nodeType,
        verb: sig.verb,
        methodName: sig.methodName,
        entity: sig.entity,
        features: sig.features,
        pattern: sig.pattern,
        params: sig.params,
        body: p.body,
        tags: p.tags.join(' '),
        parameters: p.parameters,
        score,
        costMicros,
        sessionId: sessionId ?? null,
      };
      // One statement decides create / upgrade / keep, so concurrent workers cannot lose an upgrade.
      const [row] = await db
        .insert(patternTemplates)
        .values(values)
        .onConflictDoUpdate({
          target: patternTemplates.signatureKey,
          set: {
            methodName: values.methodName,
            entity: values.entity,
            body: values.body,
            tags: values.tags,
            parameters: values.parameters,
            score: values.score,
            costMicros: values.costMicros,
            sessionId: values.sessionId,
            revision: sql`${patternTemplates.revision} + 1`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`excluded.score > ${patternTemplates.score}`,
        })
        .returning();
      if (!row) {
        const [kept] = await db.select().from(patternTemplates).where(eq(patternTemplates.signatureKey, sig.key));
        return { status: 'kept', template: kept ? toTemplate(kept) : undefined };
      }
      const template = toTemplate(row);
      await upsertLoaded(template);
      return { status: row.revision > 1 ? 'upgraded' : 'created', template };
    },

    /** Learned templates whose signature is at least minSimilarity (default 0.8) alike, best first. */
    async findSimilar(
      signature: TaskSignature,
      options: { minSimilarity?: number; limit?: number } = {},
    ): Promise<SimilarHit<LearnedTemplate>[]> {
      const sig = normalizeSignature(signature);
      return (await loadIndex()).findSimilar(sig, options.minSimilarity ?? 0.8, options.limit ?? 5);
    },

    /**
     * Renders a template for a new task (its entity and class name fill the parameters) and, unless
     * record is false, counts the reuse and the LLM cost it saved.
     */
    async render(
      template: LearnedTemplate,
      signature: TaskSignature,
      options: { sessionId?: string; record?: boolean } = {},
    ): Promise<{ code: string; savedMicros: number }> {
      const sig = normalizeSignature(signature);
      if (template.parameters.includes('className') && !sig.className) {
        throw new PatternLibraryError('SIGNATURE_INVALID', `template ${template.id} needs signature.className`);
      }
      const needsEntity = template.parameters.some((p) => p !== 'className');
      if (needsEntity && !sig.entity) {
        throw new PatternLibraryError('SIGNATURE_INVALID', `template ${template.id} needs a method name with an entity (e.g. ${template.verb}_thing)`);
      }
      const code = renderPython(template.body, { ...entityForms(sig.entity), className: sig.className }, template.tags);
      if (options.record === false) return { code, savedMicros: 0 };
      const [updated] = await db.transaction(async (tx) => {
        await tx.insert(patternTemplateUses).values({ templateId: template.id, sessionId: options.sessionId ?? null, savedMicros: template.costMicros });
        return tx
          .update(patternTemplates)
          .set({
            usageCount: sql`${patternTemplates.usageCount} + 1`,
            savedMicros: sql`${patternTemplates.savedMicros} + ${template.costMicros}`,
          })
          .where(eq(patternTemplates.id, template.id))
          .returning();
      });
      if (!updated) throw new PatternLibraryError('INPUT_INVALID', `template ${template.id} does not exist`);
      await upsertLoaded(toTemplate(updated));
      return { code, savedMicros: template.costMicros };
    },

    async get(id: number): Promise<LearnedTemplate | undefined> {
      const [row] = await db.select().from(patternTemplates).where(eq(patternTemplates.id, id));
      return row ? toTemplate(row) : undefined;
    },

    /** Reuses and LLM cost saved, overall and per template (most used first). */
    async savings(): Promise<Savings> {
      const rows = await db
        .select({ id: patternTemplates.id, methodName: patternTemplates.methodName, usageCount: patternTemplates.usageCount, savedMicros: patternTemplates.savedMicros })
        .from(patternTemplates)
        .orderBy(desc(patternTemplates.usageCount), patternTemplates.id);
      const used = rows.filter((r) => r.usageCount > 0);
      return {
        reuses: used.reduce((n, r) => n + r.usageCount, 0),
        savedMicros: used.reduce((n, r) => n + r.savedMicros, 0),
        templates: used,
      };
    },

    /** Drops the in-memory index so the next findSimilar reads what other workers learned. */
    refresh(): void {
      index = undefined;
    },
  };
}

export type TemplateStore = ReturnType<typeof createTemplateStore>;

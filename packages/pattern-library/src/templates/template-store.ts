import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { heldSecret } from '@onexgen/onex';
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
  /** 'examples' | 'approved' | 'pending' | 'retired' (pending and retired templates are never reused) */
  origin: TemplateOrigin;
  generationId: string | null;
  model: string | null;
  /** the checks it passed when learned, e.g. ['static 0.93', 'examples 5/5'] */
  checks: string[];
  approvedAt: Date | null;
  createdAt: Date;
}

/** 'retired': a person rejected code it was learned from (`onexgen feedback ID reject`); kept, never reused, until approved again. */
export type TemplateOrigin = 'examples' | 'approved' | 'pending' | 'retired';

/** Only templates whose examples passed, or that a person approved, are ever reused; never a retired one. */
export function isReusable(template: Pick<LearnedTemplate, 'origin' | 'approvedAt'>): boolean {
  if (template.origin === 'retired') return false;
  return template.origin === 'examples' || template.origin === 'approved' || template.approvedAt !== null;
}

/**
 * The reuse rule (stricter than similarity alone, so one generic body cannot serve every method):
 * the same node type, the same verb (operation), the same parameters (entity names replaced by
 * `*`), similarity ≥ REUSE_MIN_SIMILARITY (so features nearly the same), and the same entity unless
 * the template's body names its entity and was parameterised on it (then the entity is substituted).
 */
export const REUSE_MIN_SIMILARITY = 0.9;

export function reuseMatches(template: LearnedTemplate, sig: ReturnType<typeof normalizeSignature>, similarity: number): boolean {
  if (!isReusable(template) || similarity < REUSE_MIN_SIMILARITY) return false;
  if (template.nodeType !== sig.nodeType || template.verb !== sig.verb) return false;
  if (template.params.join(',') !== sig.params.join(',')) return false;
  const entityParameterised = template.parameters.some((p) => p !== 'className');
  return template.entity === sig.entity || entityParameterised;
}

export interface TemplateStoreOptions {
  /** generations scoring below this are not learned (default 0.8) */
  minLearnScore?: number;
}

const learnOpts = z.object({
  score: z.number().min(0).max(1),
  costMicros: z.number().int().min(0).default(0),
  sessionId: z.string().max(200).optional(),
  /** 'examples' when the spec's examples all passed; 'pending' otherwise (kept, not reused until approved) */
  origin: z.enum(['examples', 'pending']).default('pending'),
  generationId: z.string().max(200).optional(),
  model: z.string().max(200).optional(),
  checks: z.array(z.string().max(200)).max(20).default([]),
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
    origin: (['examples', 'approved', 'retired'].includes(row.origin) ? row.origin : 'pending') as TemplateOrigin,
    generationId: row.generationId,
    model: row.model,
    checks: row.checks,
    approvedAt: row.approvedAt,
    createdAt: row.createdAt,
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
      /** a transaction to write in (the caller's, e.g. together with the generation that made it) */
      tx: PatternDb = db,
    ): Promise<{
      status: 'created' | 'upgraded' | 'kept' | 'rejected';
      template?: LearnedTemplate;
      reason?: string;
      /**
       * With a transaction of the caller's: call once it committed, so this process's template index
       * serves the template (never before: a rolled-back template must not be served)
       */
      afterCommit?: () => Promise<void>;
    }> {
      const parsed = learnOpts.safeParse(options);
      if (!parsed.success) throw new PatternLibraryError('INPUT_INVALID', `learn: ${describeZodIssues(parsed.error.issues)}`, { cause: parsed.error });
      if (!code.trim()) throw new PatternLibraryError('INPUT_INVALID', 'learn: code is empty');
      const { score, costMicros, sessionId, origin, generationId, model, checks } = parsed.data;
      const sig = normalizeSignature(signature);
      if (score < minLearnScore) return { status: 'rejected', reason: `score ${score} is under ${minLearnScore}` };
      // A body that holds a key-shaped string, or the marker a scrub left where a key was, held a
      // secret: learning it would serve that secret (or a hole where it was) to every later task.
      if (heldSecret(code)) return { status: 'rejected', reason: 'the code held a secret (a key-shaped string or a redaction marker)' };
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
        origin,
        generationId: generationId ?? null,
        model: model ?? null,
        checks,
      };
      // One statement decides create / upgrade / keep, so concurrent workers cannot lose an upgrade.
      const [row] = await tx
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
            origin: values.origin,
            generationId: values.generationId,
            model: values.model,
            checks: values.checks,
            // a replaced body was not what the person approved
            approvedAt: null,
            revision: sql`${patternTemplates.revision} + 1`,
            updatedAt: sql`now()`,
          },
          // an example-checked body replaces a pending one; otherwise only a better score does,
          // and a pending body never replaces a checked or approved one
          setWhere: sql`(excluded.origin = 'examples' AND ${patternTemplates.origin} = 'pending' AND ${patternTemplates.approvedAt} IS NULL)
            OR (excluded.score > ${patternTemplates.score} AND (excluded.origin = 'examples' OR (${patternTemplates.origin} = 'pending' AND ${patternTemplates.approvedAt} IS NULL)))`,
        })
        .returning();
      if (!row) {
        const [kept] = await tx.select().from(patternTemplates).where(eq(patternTemplates.signatureKey, sig.key));
        return { status: 'kept', template: kept ? toTemplate(kept) : undefined };
      }
      const template = toTemplate(row);
      const status = row.revision > 1 ? 'upgraded' : 'created';
      if (tx !== db) return { status, template, afterCommit: () => upsertLoaded(template) };
      await upsertLoaded(template);
      return { status, template };
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
     * The learned template that may serve this task under the reuse rule (see reuseMatches), best
     * first; pending (unchecked, unapproved) templates never do.
     */
    async findReusable(signature: TaskSignature): Promise<SimilarHit<LearnedTemplate> | undefined> {
      const sig = normalizeSignature(signature);
      const hits = (await loadIndex()).findSimilar(sig, REUSE_MIN_SIMILARITY, 20);
      // a template learned before secrets were refused is never served either
      return hits.find((hit) => reuseMatches(hit.template, sig, hit.similarity) && !heldSecret(hit.template.body));
    },

    /** Every learned template, newest first (for `onexgen templates list`). */
    async list(): Promise<LearnedTemplate[]> {
      return (await db.select().from(patternTemplates).orderBy(desc(patternTemplates.createdAt), desc(patternTemplates.id))).map(toTemplate);
    },

    /** A person vouches for a template: it may be reused from now on. Undefined when there is no such id. */
    async approve(id: number): Promise<LearnedTemplate | undefined> {
      const [existing] = await db.select({ body: patternTemplates.body }).from(patternTemplates).where(eq(patternTemplates.id, id));
      if (existing && heldSecret(existing.body)) {
        throw new PatternLibraryError('TEMPLATE_HELD_SECRET', `template ${id} held a secret (a key-shaped string or a redaction marker): forget it instead of approving it`);
      }
      const [row] = await db
        .update(patternTemplates)
        .set({ origin: sql`case when ${patternTemplates.origin} = 'examples' then 'examples' else 'approved' end`, approvedAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(patternTemplates.id, id), isNull(patternTemplates.approvedAt)))
        .returning();
      const [current] = row ? [row] : await db.select().from(patternTemplates).where(eq(patternTemplates.id, id));
      const template = current ? toTemplate(current) : undefined;
      if (template) await upsertLoaded(template);
      return template;
    },

    /**
     * A person's verdict on code a template was learned from: 'retired' (rejected: never reused) or
     * 'pending' (edited before use: reused only once approved). Undefined when there is no such id.
     */
    async setState(id: number, state: 'retired' | 'pending'): Promise<LearnedTemplate | undefined> {
      const [row] = await db
        .update(patternTemplates)
        .set({ origin: state, approvedAt: null, updatedAt: sql`now()` })
        .where(eq(patternTemplates.id, id))
        .returning();
      const template = row ? toTemplate(row) : undefined;
      if (template) await upsertLoaded(template);
      return template;
    },

    /** The templates learned from one generation (its correlation id). */
    async byGeneration(generationId: string): Promise<LearnedTemplate[]> {
      return (await db.select().from(patternTemplates).where(eq(patternTemplates.generationId, generationId)).orderBy(patternTemplates.id)).map(toTemplate);
    },

    /** Deletes a template (and its use records). True when it existed. */
    async forget(id: number): Promise<boolean> {
      const rows = await db.delete(patternTemplates).where(eq(patternTemplates.id, id)).returning({ id: patternTemplates.id });
      index = undefined;
      return rows.length > 0;
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

// History rows name their system prompt by content hash; the text itself goes into llm_prompt_texts
// once. A session sends one of a few ~11 KB system prompts with every method: stored per row they
// were most of the history table and, on PGlite, most of the CPU a history row cost (its JSON
// payload parsed and its text compressed inside the WebAssembly database).
import { createHash } from 'node:crypto';
import type { MetricsDb } from '../db/open-database.js';
import { promptTexts } from '../schema/prompt-texts.js';
import { bulkInsert } from './bulk-insert.js';
import type { Row } from './normalize.js';

const promptHash = (text: string): string => createHash('sha256').update(text).digest('hex');

/** How many stored texts a writer remembers (each is a key of a few KB): beyond it, it starts over. */
const REMEMBERED_TEXTS = 512;

export interface SystemPromptWriter {
  /**
   * Stores the distinct system prompts of these history rows that are not known to be stored yet,
   * then runs `insert` with the rows naming theirs by `systemPromptHash` instead of carrying it.
   */
  writeHistory(rows: Row[], insert: (rows: Row[]) => Promise<void>): Promise<void>;
}

/**
 * `remember`: texts this writer stored are not sent again. Only for a writer whose statements commit
 * on their own (never one on a caller's transaction, which may still roll back). Were a remembered
 * text gone after all (its table emptied behind the process's back), the rows' foreign key refuses
 * them: the writer forgets what it knew, stores the texts and inserts the rows again, once.
 */
export function createSystemPromptWriter(db: MetricsDb, { remember }: { remember: boolean }): SystemPromptWriter {
  /** text → hash, for texts known to be in llm_prompt_texts */
  const stored = new Map<string, string>();

  async function name(rows: Row[], skipKnown: boolean): Promise<Row[]> {
    const fresh = new Map<string, string>();
    const named = rows.map((row) => {
      const { systemPrompt, ...rest } = row;
      if (typeof systemPrompt !== 'string') return row;
      let hash = (skipKnown ? stored.get(systemPrompt) : undefined) ?? fresh.get(systemPrompt);
      if (hash === undefined) {
        hash = promptHash(systemPrompt);
        fresh.set(systemPrompt, hash);
      }
      return { ...rest, systemPromptHash: hash };
    });
    // the texts first, so the rows' foreign key holds whether or not the caller wraps both in a transaction
    if (fresh.size > 0) await bulkInsert(db, promptTexts, [...fresh].map(([text, hash]) => ({ hash, text })));
    if (remember) {
      if (stored.size + fresh.size > REMEMBERED_TEXTS) stored.clear();
      for (const [text, hash] of fresh) stored.set(text, hash);
    }
    return named;
  }

  return {
    async writeHistory(rows, insert) {
      try {
        await insert(await name(rows, remember));
      } catch (err) {
        if (!remember || stored.size === 0 || !isForeignKeyViolation(err)) throw err;
        stored.clear();
        await insert(await name(rows, false));
      }
    },
  };
}

/** SQLSTATE 23503, on the error or a cause it wraps (drizzle wraps the driver's). */
function isForeignKeyViolation(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; current && depth < 8; depth += 1) {
    if ((current as { code?: unknown }).code === '23503') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

// History rows name their system prompt by content hash; the text itself goes into llm_prompt_texts
// once. A session sends the same ~11 KB system prompt with every method: stored per row it was most
// of the history table and, on PGlite, most of the CPU a history row cost (its JSON payload parsed
// and its text compressed inside the WebAssembly database).
import { createHash } from 'node:crypto';
import type { MetricsDb } from '../db/open-database.js';
import { promptTexts } from '../schema/prompt-texts.js';
import { bulkInsertIgnoringConflicts } from './bulk-insert.js';
import type { Row } from './normalize.js';

export const promptHash = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Stores the distinct system prompts of these history rows (a text already there is left alone)
 * and returns the rows naming theirs by `systemPromptHash` instead of carrying it. The texts are
 * written first, so the rows' foreign key holds whether or not the caller wraps both in a transaction.
 */
export async function storeSystemPrompts(db: MetricsDb, rows: Row[]): Promise<Row[]> {
  const hashes = new Map<string, string>();
  const named = rows.map((row) => {
    const { systemPrompt, ...rest } = row;
    if (typeof systemPrompt !== 'string') return row;
    let hash = hashes.get(systemPrompt);
    if (hash === undefined) {
      hash = promptHash(systemPrompt);
      hashes.set(systemPrompt, hash);
    }
    return { ...rest, systemPromptHash: hash };
  });
  if (hashes.size > 0) await bulkInsertIgnoringConflicts(db, promptTexts, [...hashes].map(([text, hash]) => ({ hash, text })));
  return named;
}

// Long prompt texts stored once, by content: the methods of a run share a few ~11–13 KB system
// prompts (most of what a history row used to hold), so history rows name theirs by its hash.
import { pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

export const promptTexts = pgTable('llm_prompt_texts', {
  /** sha256 of the text, lowercase hex: the same text always gets the same row */
  hash: varchar('hash', { length: 64 }).primaryKey(),
  text: text('text').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

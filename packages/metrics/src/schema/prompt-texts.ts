// Long prompt texts stored once, by content: every generation of a session sends the same system
// prompt (~11 KB of the ~15 KB a history row used to hold), so history rows name it by its hash.
import { pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

export const promptTexts = pgTable('llm_prompt_texts', {
  /** sha256 of the text, lowercase hex: the same text always gets the same row */
  hash: varchar('hash', { length: 64 }).primaryKey(),
  text: text('text').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

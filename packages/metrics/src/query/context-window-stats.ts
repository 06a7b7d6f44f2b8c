// Reading back the model catalog the app seeded (upserts live in the store's writer).
import { asc } from 'drizzle-orm';
import type { MetricsDb } from '../db/open-database.js';
import { contextWindows } from '../schema/context-windows.js';

export type ContextWindowRow = typeof contextWindows.$inferSelect;

export async function listContextWindows(db: MetricsDb): Promise<ContextWindowRow[]> {
  return db.select().from(contextWindows).orderBy(asc(contextWindows.provider), asc(contextWindows.model));
}

// drizzle's execute() gives an array (postgres.js) or `{ rows }` (PGlite).
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

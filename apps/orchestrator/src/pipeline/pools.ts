// The pools a run sees: the configuration file's, with the ones set by `onexgen budget set` (kept in
// the database) laid over them field by field.
import type { StoredPool } from '@onexgen/metrics';

const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function effectivePools(
  configured: Record<string, Record<string, unknown>> | undefined,
  stored: readonly Omit<StoredPool, 'updatedAt'>[],
): Record<string, Record<string, unknown>> {
  // files may write a pool's fields in snake_case (amount_usd, soft_tier) like every other option
  const pools: Record<string, Record<string, unknown>> = Object.fromEntries(
    Object.entries(configured ?? {}).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).map(([f, x]) => [camel(f), x]))]),
  );
  for (const { name, ...fields } of stored) {
    const { updatedAt: _updatedAt, ...rest } = fields as typeof fields & { updatedAt?: Date };
    pools[name] = { ...pools[name], ...rest };
  }
  return pools;
}

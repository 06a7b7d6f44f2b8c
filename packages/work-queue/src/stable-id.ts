// Job ids derived from what the job is (run, kind, node, method), so enqueuing the same job twice
// inserts it once: pg-boss inserts with ON CONFLICT DO NOTHING on the id.
import { createHash } from 'node:crypto';

export function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // shaped as a version-5-style UUID (variant bits set) so PostgreSQL's uuid type takes it
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// Which methods a second model reviews: declared (`overrides.<method>.critical`), or
// security-sensitive by pattern — authentication, payments, SQL, secrets — in the method's name,
// docstring or the node's description. A declared `critical: false` wins over the patterns.
import { z } from 'zod';
import { parseInput } from '../errors.js';

/** Word patterns per kind (whole words or name parts; case-insensitive). */
export const SENSITIVE_PATTERNS: Readonly<Record<string, RegExp>> = {
  auth: /\b(auth\w*|login|logout|password\w*|passwd|credential\w*|permission\w*|role|roles|session token|access token|jwt|oauth\w*)\b/i,
  payments: /\b(payments?|pay|charge\w*|refund\w*|invoice\w*|billing|card number|iban|payout\w*)\b/i,
  sql: /\b(sql|select\s+\w+\s+from|insert into|delete from|query builder|raw query)\b/i,
  secrets: /\b(secrets?|api[ _-]?keys?|private key|encrypt\w*|decrypt\w*|signature|hmac|token)\b/i,
};

export const criticalityInputSchema = z.object({
  declared: z.boolean().optional(),
  methodName: z.string().min(1),
  docstring: z.string().optional(),
  /** the node's description */
  description: z.string().optional(),
});
export type CriticalityInput = z.input<typeof criticalityInputSchema>;

export interface Criticality {
  critical: boolean;
  source: 'declared' | 'pattern' | 'none';
  /** the kinds that matched, e.g. ['payments'] */
  kinds: string[];
  reason: string;
}

export function methodCriticality(input: CriticalityInput): Criticality {
  const i = parseInput(criticalityInputSchema, input, 'criticality input');
  if (i.declared !== undefined) return { critical: i.declared, source: 'declared', kinds: [], reason: `declared critical: ${i.declared}` };
  // snake_case names read as words: split_payment → "split payment"
  const text = [i.methodName.replace(/_/g, ' '), i.docstring ?? '', i.description ?? ''].join('\n');
  const kinds = Object.entries(SENSITIVE_PATTERNS)
    .filter(([, re]) => re.test(text))
    .map(([kind]) => kind);
  if (kinds.length === 0) return { critical: false, source: 'none', kinds, reason: 'no security-sensitive pattern' };
  return { critical: true, source: 'pattern', kinds, reason: `security-sensitive: ${kinds.join(', ')}` };
}

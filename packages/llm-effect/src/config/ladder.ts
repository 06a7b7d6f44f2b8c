// The one escalation ladder: which tiers a call (or a method's next attempt) may move up to. A tier
// whose chain asks the same providers and models as the rung below it is no escalation — the same
// requests would go out again — so it is left out. With one chain for every tier the ladder is the
// starting tier alone and escalation becomes a plain retry, honestly reported as one.
import { TIERS, type Tier } from '@onexgen/onex';
import type { LLMConfig } from './schema.js';

const chainKey = (config: Pick<LLMConfig, 'tiers'>, tier: Tier): string =>
  config.tiers[tier].map((t) => `${t.provider}\u0000${t.model}`).join('\u0001');

/** `from`, then each tier above it whose chain differs from the last rung kept (empty chains skipped). */
export function escalationLadder(config: Pick<LLMConfig, 'tiers'>, from: Tier): Tier[] {
  const ladder: Tier[] = [from];
  for (const tier of TIERS.slice(TIERS.indexOf(from) + 1)) {
    if (config.tiers[tier].length === 0 || chainKey(config, tier) === chainKey(config, ladder.at(-1)!)) continue;
    ladder.push(tier);
  }
  return ladder;
}

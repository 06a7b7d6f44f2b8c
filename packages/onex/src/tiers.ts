// Model tiers, cheapest first: llm-effect maps each to a provider chain; escalation climbs them.
import { z } from 'zod';

export const TIERS = ['local', 'cloud_fast', 'cloud_premium'] as const;
export type Tier = (typeof TIERS)[number];
export const tierSchema = z.enum(TIERS);

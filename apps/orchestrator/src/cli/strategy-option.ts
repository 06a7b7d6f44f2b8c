// `--strategy NAME` of generate and fill: one of the eval's named strategies laid over the run's
// configuration (`multi-pass` plans every method first, `reviewed` has every accepted method
// reviewed, `one-shot` asks once), so what an eval measured is what a run can be told to do.
import type { RunConfig } from '@onexgen/pipeline';
import { STRATEGIES, strategyNamed } from '../eval/strategies.js';

export const STRATEGY_OPTION_HELP = `generation strategy: ${STRATEGIES.map((s) => s.name).join(', ')} (default: as configured)`;

/** The loaded configuration with the named strategy laid over it (unchanged without a name). */
export function withStrategy<L extends { config: C }, C extends RunConfig>(loaded: L, name: string | undefined): L {
  return name ? { ...loaded, config: strategyNamed(name).apply(loaded.config) } : loaded;
}

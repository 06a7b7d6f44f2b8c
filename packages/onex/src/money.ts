// Money is an integer count of micro-dollars (1 USD = 1,000,000) from the price catalog to the
// database: sums stay exact and nothing is rounded twice. Only a person's input (`--budget 0.5`) is
// converted in, and only what a person reads is converted out.

/** Integer micro-dollars. */
export type MicroUsd = number;

export const MICROS_PER_USD = 1_000_000;

/** A dollar amount a person typed → micro-dollars (rounded to the nearest micro-dollar). */
export function usdToMicros(usd: number): MicroUsd {
  return Math.round(usd * MICROS_PER_USD);
}

/** Micro-dollars → a dollar number, for display or a JSON field a person reads. */
export function microsToUsd(micros: MicroUsd): number {
  return micros / MICROS_PER_USD;
}

/** `$0.0123` (4 decimals by default). */
export function formatUsd(micros: MicroUsd, decimals = 4): string {
  return `$${microsToUsd(micros).toFixed(decimals)}`;
}

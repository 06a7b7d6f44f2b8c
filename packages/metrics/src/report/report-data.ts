// Everything a report shows, fetched in one place so renderReport/renderTextReport stay pure.
import { z } from 'zod';
import type { AggregateResult } from '../query/aggregate.js';
import type { AcceptanceStats, PoolSpendRow } from '../query/generations.js';
import { filterSchema } from '../query/filters.js';
import type { TimeSeriesResult } from '../query/time-series.js';
import type { MetricsStore } from '../store/metrics-store.js';
import { parseOrThrow } from '../validate.js';

export interface ReportData {
  generatedAt: Date;
  since: Date | null;
  until: Date | null;
  /** bucket of the "over time" charts */
  bucket: 'hour' | 'day';
  /** totals, grouped by node type */
  summary: AggregateResult;
  /** daily generations split by model (cost per day by model) */
  dailyByModel: TimeSeriesResult;
  /** generations and attempts per bucket (latency percentiles, cache hits) */
  overTime: TimeSeriesResult;
  /** acceptance of the generations a person judged (`onexgen feedback`), by node type and by model */
  acceptance: AcceptanceStats;
  /** spend per budget pool and period (all periods recorded; pools are not filtered by the window) */
  pools: PoolSpendRow[];
}

const reportQuerySchema = filterSchema.extend({ bucket: z.enum(['hour', 'day']).default('day') });
export type ReportQuery = z.input<typeof reportQuerySchema>;

export async function collectReportData(
  store: Pick<MetricsStore, 'aggregate' | 'timeSeries'> & Partial<Pick<MetricsStore, 'acceptance' | 'poolSpend'>>,
  input: ReportQuery = {},
  now: () => Date = () => new Date(),
): Promise<ReportData> {
  const { bucket, ...filters } = parseOrThrow(reportQuerySchema, 'report query', input);
  const summary = await store.aggregate({ ...filters, groupBy: 'nodeType' });
  const dailyByModel = await store.timeSeries({ ...filters, bucket: 'day', splitBy: 'model' });
  const overTime = await store.timeSeries({ ...filters, bucket });
  const acceptance = store.acceptance ? await store.acceptance(filters) : { byNodeType: [], byModel: [] };
  const pools = store.poolSpend ? await store.poolSpend() : [];
  return { generatedAt: now(), since: filters.since ?? null, until: filters.until ?? null, bucket, summary, dailyByModel, overTime, acceptance, pools };
}

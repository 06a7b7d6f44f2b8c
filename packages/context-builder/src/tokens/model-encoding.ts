// Picks the tiktoken encoding for a target model id from data/encodings.yaml (longest prefix wins).
import { loadEncodingsData } from '../data/load-data.js';
import type { EncodingName } from '@onexgen/onex/tokens';

export interface EncodingChoice {
  encoding: EncodingName;
  /** false when the model's own tokenizer is not public and cl100k_base stands in for it */
  exactForModel: boolean;
  /** the data row that decided, or 'default' */
  matchedPrefix: string;
}

export function encodingForModel(model: string | undefined): EncodingChoice {
  const data = loadEncodingsData();
  const id = (model ?? '').toLowerCase();
  let best: EncodingsRow | undefined;
  for (const row of data.models) {
    if (id.startsWith(row.prefix.toLowerCase()) && (!best || row.prefix.length > best.prefix.length)) best = row;
  }
  if (!best) return { encoding: data.default, exactForModel: model === undefined, matchedPrefix: 'default' };
  return { encoding: best.encoding, exactForModel: best.exact, matchedPrefix: best.prefix };
}

type EncodingsRow = ReturnType<typeof loadEncodingsData>['models'][number];

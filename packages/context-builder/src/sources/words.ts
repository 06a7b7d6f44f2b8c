// The one tokenizer of reference ranking: pattern-library's identifier splitter (snake, camel,
// prose alike), without one-letter words, which only add noise to BM25.
import { identifierWords } from '@onexgen/pattern-library';

export function words(text: string): string[] {
  return identifierWords(text).filter((w) => w.length > 1);
}

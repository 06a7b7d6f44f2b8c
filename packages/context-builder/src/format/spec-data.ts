// Spec text reaches the prompt as quoted data (issue 19 §3): the templates put it between
// <spec-data> and </spec-data>, and the system section tells the model that what sits there
// describes the code and is never an instruction. These helpers keep a spec from closing the
// quote itself: a delimiter tag inside the text is defused, and a code fence around spec text is
// longer than any backtick run inside it (CommonMark closes a fence only with one at least as long).

const DELIMITER = /<(\/?)(\s*spec-data)/gi;

/** The text with every `<spec-data>` / `</spec-data>` it holds turned into a look-alike that closes nothing. */
export function quoteSpecData(text: string): string;
export function quoteSpecData(text: string | undefined): string | undefined;
export function quoteSpecData(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // U+2039 looks like `<` to a reader but is not the tag the templates open and close with
  return text.replace(DELIMITER, '\u2039$1$2');
}

/** A backtick fence longer than every backtick run in `texts` (at least three). */
export function fenceFor(...texts: readonly (string | undefined)[]): string {
  let longest = 0;
  for (const text of texts) {
    for (const run of text?.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

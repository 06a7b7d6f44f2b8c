// tiktoken encoders live in WASM memory the GC never frees: a command that counts tokens asks for
// them to be freed when it has finished. Imported only by such commands, so a start-up that counts
// nothing (`--version`, `--help`, `db migrate`) never loads the tokenizer just to free it.
import { disposeSharedCounters } from '@onexgen/context-builder';
import { freeTokenizers } from '@onexgen/onex/tokens';
import { atExit } from './at-exit.js';

function freeEncoders(): void {
  disposeSharedCounters();
  freeTokenizers();
}

/** Frees the process's token encoders (shared counters and countTokens' holds) when the command ends. */
export function freeEncodersAtExit(): void {
  atExit(freeEncoders);
}

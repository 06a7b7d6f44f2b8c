// Priority truncation, as the context design specifies:
//   P0 sections (system, operation, instructions) and critical patterns are never cut.
//   References are cut first (whole references dropped from the least similar, then the last one
//   shortened at a line boundary), patterns second (lowest score first, critical ones kept),
//   constraints last (least confident mixin first, then lines from the end).
// Phase A caps each cuttable section at its `max`. Phase B, while the prompt is over the total,
// walks the cuttable sections in priority order twice: first down to each section's `min`, then,
// as a last resort, below it. If the prompt still does not fit, the never-cut part alone is too big:
// ProtectedOverBudgetError names the sizes.
import type { ResolvedBudget } from './resolve-budget.js';
import type { TruncationStep } from '../build/types.js';
import { ProtectedOverBudgetError } from '../errors.js';
import type { TokenCounter } from '../tokens/token-counter.js';
import { longestFittingCut } from './shorten.js';
import type { WorkingItem, WorkingSection } from './working-section.js';

/** Lines a shortened reference keeps at least beyond its code fence; below that it is dropped. */
const MIN_CODE_LINES = 3;

type Cut = (s: WorkingSection, target: number, reason: string, steps: TruncationStep[], counter: TokenCounter) => void;

function drop(s: WorkingSection, index: number, reason: string, steps: TruncationStep[]): void {
  const before = s.tokens;
  const item = s.items[index]!;
  s.commit(s.items.filter((_, i) => i !== index));
  steps.push({ section: s.id, action: 'drop-item', item: item.id, tokensRemoved: before - s.tokens, reason });
}

const cutReferences: Cut = (s, target, reason, steps, counter) => {
  while (s.tokens > target && s.items.length > 0) {
    const last = s.items[s.items.length - 1]!;
    const rest = s.items.slice(0, -1);
    const without = s.probe(rest);
    if (without.tokens <= target) {
      const lines = last.original.split('\n');
      const fence = lines.findIndex((l) => l.startsWith('```'));
      const minKeep = fence === -1 ? Math.min(4, lines.length - 1) : fence + 1 + MIN_CODE_LINES;
      const fit = longestFittingCut(last.original, minKeep, (text) => s.probe([...rest, { ...last, text }]).tokens <= target);
      if (fit) {
        const before = s.tokens;
        const shortened: WorkingItem = { ...last, text: fit.text, tokens: counter.count(fit.text), shortened: true };
        s.commit([...rest, shortened]);
        steps.push({ section: s.id, action: 'shorten-item', item: last.id, tokensRemoved: before - s.tokens, reason });
        return;
      }
    }
    drop(s, s.items.length - 1, reason, steps);
  }
};

/** Index of the lowest-scored droppable item; on equal scores the later one goes first. */
function lowestScored(items: readonly WorkingItem[], droppable: (i: WorkingItem) => boolean): number {
  let pick = -1;
  items.forEach((item, i) => {
    if (!droppable(item)) return;
    if (pick === -1 || (item.score ?? 0) <= (items[pick]!.score ?? 0)) pick = i;
  });
  return pick;
}

const cutPatterns: Cut = (s, target, reason, steps) => {
  while (s.tokens > target) {
    const i = lowestScored(s.items, (item) => !item.critical);
    if (i === -1) return; // only critical patterns left: never cut
    drop(s, i, reason, steps);
  }
};

const cutConstraints: Cut = (s, target, reason, steps, counter) => {
  while (s.tokens > target && s.items.length > 0) drop(s, lowestScored(s.items, () => true), reason, steps);
  if (s.tokens <= target) return;
  // cut from the full rendering (not from an earlier cut), so the note counts the lines really omitted
  const fit = longestFittingCut(s.probe([]).content, 1, (text) => counter.count(text) <= target);
  if (fit) {
    const before = s.tokens;
    s.commitContent(fit.text);
    steps.push({ section: s.id, action: 'shorten-section', tokensRemoved: before - s.tokens, reason });
  }
};

const CUTS: Partial<Record<WorkingSection['id'], Cut>> = { references: cutReferences, patterns: cutPatterns, constraints: cutConstraints };

export function applyBudget(
  sections: readonly WorkingSection[],
  budget: ResolvedBudget,
  totalOf: () => number,
  counter: TokenCounter,
): { steps: TruncationStep[]; total: number } {
  const steps: TruncationStep[] = [];
  const cuttable = sections.filter((s) => s.priority > 0 && CUTS[s.id]).sort((a, b) => a.priority - b.priority);

  for (const s of cuttable) {
    if (s.tokens > s.budget.max) CUTS[s.id]!(s, s.budget.max, `${s.id} over its section max of ${s.budget.max} tokens`, steps, counter);
  }

  let total = totalOf();
  for (const pass of ['min', 'below-min'] as const) {
    for (const s of cuttable) {
      if (total <= budget.total) break;
      const floor = pass === 'min' ? Math.min(s.budget.min, s.tokens) : 0;
      // two tries: the blank lines between sections make the total move by a token more or less
      for (let attempt = 0; attempt < 2 && total > budget.total && s.tokens > floor; attempt += 1) {
        const target = Math.max(floor, s.tokens - (total - budget.total));
        const reason =
          pass === 'min'
            ? `prompt ${total} tokens over the ${budget.total} budget; ${s.id} cut (priority ${s.priority}) down to at most ${target}, not below its min ${s.budget.min}`
            : `prompt ${total} tokens still over the ${budget.total} budget after every section reached its min; ${s.id} cut below its min`;
        CUTS[s.id]!(s, target, reason, steps, counter);
        total = totalOf();
      }
    }
  }

  if (total > budget.total) {
    const sizes: Record<string, number> = {};
    for (const s of sections) sizes[s.id] = s.tokens;
    throw new ProtectedOverBudgetError(budget.total, total, sizes);
  }
  return { steps, total };
}

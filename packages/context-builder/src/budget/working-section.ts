// A section while the budget is being applied: its items, a renderer that re-runs its template
// with any subset of them, and exact token counts after every change.
import type { SectionId } from '@onexgen/onex';
import type { SectionBudget } from '../data/data-files.js';
import type { ContextItem, ContextSection, SectionPriority } from '../build/types.js';
import type { TokenCounter } from '../tokens/token-counter.js';

export interface WorkingItem extends ContextItem {
  /** the untouched text, kept so a shortened item can be shortened again from the original */
  original: string;
}

export class WorkingSection {
  items: WorkingItem[];
  content: string;
  tokens: number;
  readonly tokensBefore: number;
  truncated = false;

  constructor(
    readonly id: SectionId,
    readonly title: string,
    readonly budget: SectionBudget,
    private readonly renderItems: (items: readonly { text: string }[]) => string,
    private readonly counter: TokenCounter,
    items: WorkingItem[] = [],
    /** false for sections that show no item list (system, operation, instructions) */
    readonly hasItems = true,
  ) {
    this.items = items;
    this.content = renderItems(items);
    this.tokens = counter.count(this.content);
    this.tokensBefore = this.tokens;
  }

  get priority(): SectionPriority {
    return this.budget.priority;
  }

  /** Renders and counts a candidate item list without committing to it. */
  probe(items: readonly WorkingItem[]): { content: string; tokens: number } {
    const content = this.renderItems(items);
    return { content, tokens: this.counter.count(content) };
  }

  commit(items: WorkingItem[], probe = this.probe(items)): void {
    this.items = items;
    this.content = probe.content;
    this.tokens = probe.tokens;
    this.truncated = true;
  }

  /** Replaces the rendered content itself (last resort for a section with no items left). */
  commitContent(content: string): void {
    this.content = content;
    this.tokens = this.counter.count(content);
    this.truncated = true;
  }

  toSection(): ContextSection {
    const section: ContextSection = {
      id: this.id,
      title: this.title,
      priority: this.priority,
      content: this.content,
      tokens: this.tokens,
      tokensBefore: this.tokensBefore,
      truncated: this.truncated,
    };
    if (this.hasItems) {
      section.items = this.items.map(({ original: _original, ...item }) => item);
    }
    return section;
  }
}

export function makeItem(counter: TokenCounter, item: Omit<ContextItem, 'tokens'>): WorkingItem {
  return { ...item, tokens: counter.count(item.text), original: item.text };
}

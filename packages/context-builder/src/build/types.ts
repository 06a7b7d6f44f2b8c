// The result of buildContext: plain, serialisable data (plus two methods that only join strings),
// so other packages (fallback-strategies) can drop items or re-order without importing this one.
import type { SectionId } from '@onexgen/onex';
import type { EncodingName } from '@onexgen/onex/tokens';

export type SectionPriority = 0 | 1 | 2 | 3;

export interface ContextItem {
  /** pattern id, '<node>:<method>' for references, mixin id for constraints */
  id: string;
  /** occurs verbatim in the section's content: removing an item is `content.replace(item.text, '')` */
  text: string;
  tokens: number;
  /** pattern score, reference similarity or mixin confidence (0..1) */
  score?: number;
  critical?: boolean;
  /** true when the item was cut at a line boundary to fit */
  shortened?: boolean;
}

export interface ContextSection {
  id: SectionId;
  title: string;
  /** 0 = never cut, 1 = cut first, 2 = second, 3 = last */
  priority: SectionPriority;
  content: string;
  /** exact tokens of `content` */
  tokens: number;
  /** exact tokens before any truncation */
  tokensBefore: number;
  truncated: boolean;
  items?: ContextItem[];
}

export interface TruncationStep {
  section: SectionId;
  action: 'drop-item' | 'shorten-item' | 'shorten-section';
  item?: string;
  tokensRemoved: number;
  reason: string;
}

export interface ContextMetadata {
  /** the template set's version (`name@hash`), recorded with each generation */
  promptVersion: string;
  nodeType: string;
  service: string;
  method: string;
  /** `requiredPatterns`: what the variant requires of this method; pass them to the validator as `requiredPatterns` */
  variant: { id: string; confidence: number; rationale: string; fallback: boolean; requiredPatterns: string[] };
  mixins: { id: string; confidence: number }[];
  features: string[];
  patterns: { included: number; available: number; ids: string[] };
  references: { included: number; available: number; ids: string[] };
  encoding: EncodingName;
  model?: string;
  /** false when the model's own tokenizer is not public and the encoding stands in for it */
  encodingExactForModel: boolean;
  templates: Record<SectionId, string>;
  promptOrder: SectionId[];
  warnings: string[];
}

export interface ContextMetrics {
  buildTimeMs: number;
  /** included / available, 1 when nothing was available */
  patternInclusionRate: number;
  referenceInclusionRate: number;
  /** total / budget */
  budgetUtilisation: number;
  truncated: boolean;
  /** share of the six sections with real content (patterns and references need at least one item) */
  completeness: number;
  /** mean of: mean pattern score, mean reference similarity, variant confidence, mean mixin confidence (those present) */
  qualityScore: number;
  /** exact tokens of toMessages().system and .user */
  messageTokens: { system: number; user: number };
}

export interface BuiltContextData {
  /** always in the order system, operation, patterns, references, constraints, instructions */
  sections: ContextSection[];
  /** exact tokens of toPrompt() (section tokens plus the blank lines between them) */
  total: number;
  budget: { total: number; source: 'default' | 'explicit' | 'model-window'; sections: Record<SectionId, { target: number; min: number; max: number; priority: SectionPriority }> };
  truncation: TruncationStep[];
  metadata: ContextMetadata;
  metrics: ContextMetrics;
}

export interface BuiltContext extends BuiltContextData {
  /** the whole prompt: node-level (cacheable) sections first, then the method-level ones */
  toPrompt(): string;
  /** for chat APIs: `system` holds the node-level sections, `user` the method-level ones */
  toMessages(): { system: string; user: string };
  /** the plain data (what JSON.stringify writes) */
  toJSON(): BuiltContextData;
}

// The pattern shapes other packages rely on (context-builder, orchestrator). The implementation
// validates catalog files with zod schemas that produce exactly these shapes.

import type { NodeType } from '@onexgen/onex';

export type PatternCategory =
  | 'resilience'
  | 'observability'
  | 'integration'
  | 'structure'
  | 'configuration'
  | 'security'
  | 'performance'
  | 'data';

export interface Pattern {
  /** versioned id, e.g. 'error_handling_v1' */
  id: string;
  /** e.g. 'error_handling' */
  name: string;
  version: number;
  category: PatternCategory;
  tags: string[];
  nodeTypes: NodeType[];
  /** normalised feature keys, e.g. ['connection_pooling'] */
  features: string[];
  description: string;
  /** ONEX-compliant Python, passes the validator's onex-v2 profile */
  codeExample: string;
  guidelines: string[];
  pitfalls: string[];
  critical: boolean;
  /** where the pattern came from: the shipped catalog, a user directory, or learning */
  source: 'catalog' | 'user' | 'learned';
}

export interface MatchQuery {
  nodeType: NodeType;
  /** free text or keys; normalised before matching */
  features: string[];
  operation?: string;
  topK?: number;
  minScore?: number;
}

export interface PatternMatch {
  pattern: Pattern;
  /** 0..1 */
  score: number;
  matchedFeatures: string[];
  /** human-readable reasons for the score */
  reasons: string[];
}

export type ContractPatternKind = 'CRUD' | 'Transformation' | 'Aggregation' | 'Orchestration' | 'EventProcessing';

export interface DetectedPattern {
  kind: ContractPatternKind;
  confidence: number;
  evidence: string[];
}

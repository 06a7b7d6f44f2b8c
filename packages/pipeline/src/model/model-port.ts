// The one call the pipeline makes to a model. Backed by @onexgen/llm-effect (see model-caller.ts);
// the pipeline only sees prompts in and answer text, usage and cost out.
import type { Tier } from '@onexgen/onex';

export interface ModelRequest {
  system: string;
  user: string;
  tier: string;
  model?: string;
  /** llm-effect provider name for `model` */
  provider?: string;
  maxTokens?: number;
  correlationId: string;
  /** 1-based attempt of this method */
  attempt: number;
  nodeType: string;
  /** stream the answer and hand each text chunk here as it arrives */
  onText?: (chunk: string) => void;
}

export interface ModelAnswer {
  text: string;
  provider: string;
  model: string;
  tokensInput: number;
  tokensOutput: number;
  /** integer micro-dollars */
  costMicros: number;
  latencyMs: number;
  finishReason?: string;
  timeToFirstTokenMs?: number;
}

export interface ModelCaller {
  /** e.g. 'openai-compatible glm-4.5 at http://127.0.0.1:4000' (never a key) */
  describe: string;
  /** the tiers a method starting on `from` may escalate to, in order (llm-effect's one ladder: a tier
   *  that would ask the same provider and model again is left out) */
  ladder(from: Tier): Tier[];
  call(request: ModelRequest, signal?: AbortSignal): Promise<ModelAnswer>;
  close?(): Promise<void>;
}

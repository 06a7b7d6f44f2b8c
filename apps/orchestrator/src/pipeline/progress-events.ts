// Stages a method goes through, reported to the progress display (and ignored when it is silent).

export type Stage = 'queued' | 'learned-template' | 'pattern' | 'context' | 'model' | 'validate' | 'behaviour' | 'fallback' | 'done' | 'failed';

export interface ProgressEvent {
  node: string;
  method: string;
  stage: Stage;
  attempt?: number;
  detail?: string;
  /** a streaming answer: the chunk that just arrived, and the tokens of the answer so far */
  text?: string;
  tokens?: number;
}

export type ProgressSink = (event: ProgressEvent) => void;

export const silentProgress: ProgressSink = () => undefined;

// Stages a method goes through, reported to the progress display (and ignored when it is silent).

export type Stage = 'queued' | 'learned-template' | 'pattern' | 'context' | 'model' | 'validate' | 'behaviour' | 'fallback' | 'done' | 'failed';

export interface ProgressEvent {
  node: string;
  method: string;
  stage: Stage;
  attempt?: number;
  detail?: string;
}

export type ProgressSink = (event: ProgressEvent) => void;

export const silentProgress: ProgressSink = () => undefined;

// A pipeline session for a loaded configuration: the app's share is turning the cascade into the
// run's providers (llm-effect layers) and the list of secrets the sandbox must never see.
import { openSession, type OpenedSession, type OpenSessionOptions, type ProgressSink, type RunTrace } from '@onexgen/pipeline';
import { secretValues } from '../config/env-layer.js';
import type { LoadedConfig } from '../config/load-config.js';
import { llmSetup } from '../llm/llm-layers.js';

export interface OpenRunSessionOptions {
  loaded: LoadedConfig;
  env: Record<string, string | undefined>;
  cwd: string;
  progress?: ProgressSink;
  signal?: AbortSignal;
  redact?: (text: string) => string;
  trace?: RunTrace;
  /** a queue worker's shared database, the queued run's id and its write-ahead attempt ledger */
  handle?: OpenSessionOptions['handle'];
  id?: string;
  attempts?: OpenSessionOptions['attempts'];
}

export function openRunSession(options: OpenRunSessionOptions): Promise<OpenedSession> {
  const { loaded, env } = options;
  return openSession({
    config: loaded.config,
    llm: (sessionId) => llmSetup(loaded, env, sessionId),
    env,
    secrets: secretValues(env),
    cwd: options.cwd,
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.redact ? { redact: options.redact } : {}),
    ...(options.trace ? { trace: options.trace } : {}),
    ...(options.handle ? { handle: options.handle } : {}),
    ...(options.id ? { id: options.id } : {}),
    ...(options.attempts ? { attempts: options.attempts } : {}),
  });
}

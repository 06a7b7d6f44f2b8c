import type { ErrorClass } from '../errors.js';
import type { ProviderErrorInfo } from './types.js';

// Z.ai answers HTTP 429 for very different conditions; its business code says which.
const ZAI_CODES: Record<string, ErrorClass> = {
  '1302': 'rate_limited', // concurrency too high
  '1303': 'rate_limited', // frequency too high
  '1305': 'rate_limited', // service overloaded
  '1113': 'quota_exhausted', // balance exhausted
  '1112': 'account_locked',
  '1121': 'account_locked',
  '1301': 'content_policy', // unsafe content
};

const NO_RETRY_CODES: Record<string, ErrorClass> = {
  insufficient_quota: 'quota_exhausted',
  billing_hard_limit_reached: 'quota_exhausted',
  content_policy_violation: 'content_policy',
  content_filter: 'content_policy',
};

/** Classifies an HTTP error from its status and the provider's own code. */
export function classifyHttpError(status: number, info: ProviderErrorInfo): ErrorClass {
  const code = info.code ?? '';
  const byCode = ZAI_CODES[code] ?? NO_RETRY_CODES[code];
  if (byCode) return byCode;
  if (/content[ _-]?(policy|filter)|safety/i.test(info.message) && status === 400) return 'content_policy';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

/** A duration such as Gemini's "1.5s" or "30s", in ms. */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/**
 * The server's requested wait in ms, from `retry-after-ms` (OpenAI, Azure), `Retry-After`
 * (seconds or an HTTP date) or a body hint. Undefined when there is none.
 */
export function retryHintMs(headers: Headers, bodyHintMs: number | undefined, now = Date.now()): { ms: number; source: 'retry-after' | 'retry-after-ms' | 'body' } | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && Number.isFinite(Number(ms))) return { ms: Math.max(0, Number(ms)), source: 'retry-after-ms' };
  const after = headers.get('retry-after');
  if (after !== null) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return { ms: Math.max(0, seconds * 1000), source: 'retry-after' };
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return { ms: Math.max(0, date - now), source: 'retry-after' };
  }
  if (bodyHintMs !== undefined) return { ms: bodyHintMs, source: 'body' };
  return undefined;
}

/** Reads `{error: {code|type, message}}` style bodies; tolerates anything. */
export function genericErrorInfo(bodyText: string): ProviderErrorInfo {
  try {
    const json = JSON.parse(bodyText) as { error?: unknown; message?: unknown };
    const err = json.error;
    if (typeof err === 'string') return { message: err };
    if (err && typeof err === 'object') {
      const e = err as { message?: unknown; code?: unknown; type?: unknown; status?: unknown };
      const code = e.code ?? e.type ?? e.status;
      return {
        message: typeof e.message === 'string' ? e.message : bodyText.slice(0, 300),
        ...(code !== undefined && code !== null ? { code: String(code) } : {}),
      };
    }
    if (typeof json.message === 'string') return { message: json.message };
  } catch {
    // not JSON: fall through to the raw text
  }
  return { message: bodyText.slice(0, 300) || '(empty body)' };
}

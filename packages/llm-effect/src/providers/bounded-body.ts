/**
 * Reading a response body with a deadline and a size cap. fetch resolves when the headers arrive;
 * a body that then stalls would hold the call until the socket's own timeout (~300 s), and a body
 * of any size would be buffered whole. Both are bounded here, at the source.
 */

export class BodyDeadlineError extends Error {
  override readonly name = 'BodyDeadlineError';
}

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`a body over ${limitBytes} bytes`);
  }
}

export interface BodyBounds {
  /** performance.now() value after which the read is abandoned. */
  deadline: number;
  maxBytes: number;
}

/** The whole body as text, or BodyDeadlineError / BodyTooLargeError. */
export async function readBodyBounded(response: Response, bounds: BodyBounds): Promise<string> {
  const length = response.headers.get('content-length');
  const declared = length === null ? Number.NaN : Number(length);
  if (Number.isFinite(declared) && declared > bounds.maxBytes) {
    // Not awaited: a tee'd branch's cancel settles only with the other branch.
    response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(bounds.maxBytes);
  }
  if (!response.body) return '';
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyDeadlineError('the body did not arrive in time')), Math.max(0, bounds.deadline - performance.now()));
  });
  expired.catch(() => undefined);
  if (Number.isFinite(declared) && response.headers.get('content-encoding') === null) {
    // A declared length within the cap is enforced by fetch itself (a longer body is a network
    // error): read it whole, which costs a fraction of a chunk-by-chunk read.
    // (text() holds the body's lock, so a deadline cannot cancel it here: the request's own abort,
    // ky's timeout at the same deadline, ends the read)
    const text = response.text();
    text.catch(() => undefined);
    try {
      return await Promise.race([text, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { value, done } = await Promise.race([reader.read(), expired]);
      if (done) break;
      bytes += value.byteLength;
      if (bytes > bounds.maxBytes) throw new BodyTooLargeError(bounds.maxBytes);
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The most bytes a provider's JSON answer to `maxOutputTokens` can reasonably take: a token is at
 * most a few UTF-8 bytes, JSON escaping can double them, and usage, ids and (for reasoning models)
 * thinking add a bounded envelope. Anything larger is not an answer to what was asked.
 */
export function answerByteLimit(maxOutputTokens: number | undefined): number {
  const tokens = maxOutputTokens ?? 32_768;
  return 64 * 1024 + tokens * 4 * 8;
}

// One HTTP exchange with a Kore.ai host, through node-fetch (which uses Node's http/https, so VS Code's
// proxy support applies). It never throws: every way an exchange can end is a value the caller maps to a message.
import fetch, { FetchError } from 'node-fetch';

export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface HttpRequestSpec {
  readonly method: 'GET' | 'DELETE' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Cancels the exchange (the user pressed Cancel). */
  readonly signal?: AbortSignal;
  /** Reading stops past this many bytes; the answer is then reported as too large. */
  readonly maxBodyBytes?: number;
}

interface Timed {
  readonly durationMs: number;
}

export type HttpExchange = Timed &
  (
    | {
        readonly kind: 'response';
        readonly status: number;
        readonly statusText: string;
        readonly headers: Readonly<Record<string, string>>;
        readonly bodyText: string;
      }
    /** Redirects are never followed: following one would hand the token to whatever host it names. */
    | { readonly kind: 'redirect'; readonly status: number; readonly location: string | undefined }
    | { readonly kind: 'tooLarge'; readonly status: number; readonly limitBytes: number }
    | { readonly kind: 'timeout'; readonly timeoutMs: number }
    /** `beforeSending`: cancelled before anything left, so nothing can have been deleted. */
    | { readonly kind: 'cancelled'; readonly beforeSending?: true }
    /** Connection refused, unknown host, TLS failure, reset mid-body…: `code` is Node's error code when known. */
    | { readonly kind: 'network'; readonly code: string; readonly detail: string }
    /** The client refused to send: the URL would not have gone exactly where it was meant to (see koreApiPaths). */
    | { readonly kind: 'refused'; readonly detail: string }
  );

export async function sendHttpRequest(spec: HttpRequestSpec): Promise<HttpExchange> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  let abortedBy: 'timeout' | 'cancel' | undefined;
  const abort = (reason: 'timeout' | 'cancel') => {
    abortedBy ??= reason;
    controller.abort();
  };
  const onCancel = () => abort('cancel');
  if (spec.signal?.aborted) return { kind: 'cancelled', beforeSending: true, durationMs: 0 };
  spec.signal?.addEventListener('abort', onCancel, { once: true });
  // The timer covers the whole exchange, body included: a server that sends headers and then stalls is a timeout too.
  const timer = setTimeout(() => abort('timeout'), spec.timeoutMs);
  const limitBytes = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  try {
    const response = await fetch(spec.url, {
      method: spec.method,
      headers: { ...spec.headers },
      redirect: 'manual',
      signal: controller.signal,
      size: limitBytes,
      compress: true,
    });
    if (response.status >= 300 && response.status < 400) {
      // Its body is of no use and could be endless: stop reading at once.
      controller.abort();
      return { kind: 'redirect', status: response.status, location: response.headers.get('location') ?? undefined, durationMs: elapsed() };
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limitBytes) {
      controller.abort();
      return { kind: 'tooLarge', status: response.status, limitBytes, durationMs: elapsed() };
    }
    let bodyText: string;
    try {
      bodyText = await response.text();
    } catch (error) {
      if (error instanceof FetchError && error.type === 'max-size') {
        return { kind: 'tooLarge', status: response.status, limitBytes, durationMs: elapsed() };
      }
      throw error;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { kind: 'response', status: response.status, statusText: response.statusText, headers, bodyText, durationMs: elapsed() };
  } catch (error) {
    if (abortedBy === 'timeout') return { kind: 'timeout', timeoutMs: spec.timeoutMs, durationMs: elapsed() };
    if (abortedBy === 'cancel') return { kind: 'cancelled', durationMs: elapsed() };
    return { kind: 'network', ...describeNetworkError(error), durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener('abort', onCancel);
  }
}

function describeNetworkError(error: unknown): { code: string; detail: string } {
  if (error instanceof FetchError) {
    const code = error.code ?? (error.type === 'system' ? 'ESYSTEM' : error.type);
    return { code: String(code), detail: error.message };
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { code: code ?? error.name, detail: error.message };
  }
  return { code: 'UNKNOWN', detail: String(error) };
}

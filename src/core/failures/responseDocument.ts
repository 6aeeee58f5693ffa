// What the read-only response editor shows: the server's answer as it came, pretty-printed when it is JSON,
// or, when nothing came back, a summary of the request and why it ended (never a secret: the request is redacted).
import type { HttpExchange } from '../api/koreHttp';
import { KoreCallResult, missingRecordNote } from '../api/koreResult';

export interface ResponseDocument {
  readonly text: string;
  /**
   * `json` for JSON, `jsonc` for JSON headed by a note of ours (a comment line), `html` for an HTML error page,
   * otherwise `txt`: decides the file name and highlighting.
   */
  readonly extension: 'json' | 'jsonc' | 'html' | 'txt';
  /** True when the text is what the server sent (rather than a summary of a failed exchange). */
  readonly fromServer: boolean;
}

export function responseDocument(result: KoreCallResult): ResponseDocument {
  const exchange = result.exchange;
  if (exchange.kind === 'response' && exchange.bodyText.trim() !== '') {
    const answer = result.json !== undefined ? (prettyJson(result.json) ?? exchange.bodyText) : undefined;
    // A success without the list's record says so above the answer (a JSON-with-comments line, our words only),
    // so the short answer is not taken for a truncated one.
    const note = missingRecordNote(result);
    if (answer !== undefined && note !== undefined) return { text: `// ${note}\n${answer}`, extension: 'jsonc', fromServer: true };
    if (answer !== undefined) return { text: answer, extension: 'json', fromServer: true };
    const html = /html/i.test(exchange.headers['content-type'] ?? '') || /^\s*</.test(exchange.bodyText);
    return { text: exchange.bodyText, extension: html ? 'html' : 'txt', fromServer: true };
  }
  const summary = {
    request: result.request,
    outcome: result.failure ?? 'success',
    ...exchangeFields(exchange),
    durationMs: exchange.durationMs,
  };
  return { text: `${JSON.stringify(summary, null, 2)}\n`, extension: 'json', fromServer: false };
}

type ExchangeOf<K extends HttpExchange['kind']> = Extract<HttpExchange, { kind: K }>;

/** What the summary shows of each way an exchange can end: one entry per kind, so a new kind must say what it shows. */
const EXCHANGE_FIELDS: { readonly [K in HttpExchange['kind']]: (exchange: ExchangeOf<K>) => object } = {
  response: (e) => ({ status: e.status, statusText: e.statusText, body: '' }),
  redirect: (e) => ({ status: e.status, location: e.location ?? null }),
  tooLarge: (e) => ({ status: e.status, limitBytes: e.limitBytes }),
  timeout: (e) => ({ timeoutMs: e.timeoutMs }),
  cancelled: () => ({}),
  // How far the request got decides whether it can have been applied (networkFailure): shown with the code.
  network: (e) => ({ code: e.code, detail: e.detail, phase: e.phase }),
  refused: (e) => ({ notSent: e.detail }),
  proxy: (e) => ({ proxy: e.detail }),
};

function exchangeFields<K extends HttpExchange['kind']>(exchange: ExchangeOf<K>): object {
  return (EXCHANGE_FIELDS[exchange.kind] as (exchange: ExchangeOf<K>) => object)(exchange);
}

/**
 * The answer re-indented for reading, or undefined when that cannot be done: JSON.stringify recurses, so an
 * answer nested a few thousand levels deep overflows the stack. The server's own text is then shown as it came.
 */
export function prettyJson(value: unknown): string | undefined {
  // Measured first (cheaply, without recursion): letting JSON.stringify overflow is slow, and a stack
  // overflow is not a promise of the language.
  if (deeperThan(value, MAX_PRETTY_DEPTH)) return undefined;
  try {
    return `${JSON.stringify(value, null, 2)}\n`;
  } catch {
    return undefined;
  }
}

/** Deeper than any real Kore.ai answer by far, and well within the stack JSON.stringify uses. */
const MAX_PRETTY_DEPTH = 1000;

function deeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= limit) return true;
    for (const child of Object.values(item.value)) if (typeof child === 'object' && child !== null) pending.push({ value: child, depth: item.depth + 1 });
  }
  return false;
}

/** One log line per request: method, URL, status and duration. */
export function describeExchange(result: KoreCallResult): string {
  const exchange = result.exchange;
  const status =
    exchange.kind === 'response' ? `${exchange.status} ${exchange.statusText}`.trim()
    : exchange.kind === 'redirect' ? `${exchange.status} redirect to ${exchange.location ?? '?'} (not followed)`
    : exchange.kind === 'tooLarge' ? `${exchange.status} body over ${exchange.limitBytes} bytes (not read)`
    : exchange.kind === 'timeout' ? `timed out after ${exchange.timeoutMs} ms`
    : exchange.kind === 'cancelled' ? 'cancelled'
    : exchange.kind === 'refused' ? `not sent: ${exchange.detail}`
    : exchange.kind === 'proxy' ? `the proxy refused: ${exchange.detail}`
    : `network error ${exchange.code} (${exchange.phase})`;
  return `${result.request.method} ${result.request.url} → ${status} in ${exchange.durationMs} ms`;
}

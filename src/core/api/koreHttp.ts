// One HTTP exchange with a Kore.ai host, through node-fetch (which uses Node's http/https, so VS Code's
// proxy support applies). It never throws: every way an exchange can end is a value the caller maps to a message.
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import fetch, { FetchError, RequestInit, Response } from 'node-fetch';
import { scrubCredentials } from '../text/credentialScrubber';
import { SendPhase, isProxyFailure, networkErrorOf, neverSentIn } from '../failures/networkFailure';
import { SendPhaseWatch } from './sendPhaseWatch';

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
    /**
     * Connection refused, unknown host, TLS failure, reset mid-body…: `code` is Node's error code when known, and
     * `phase` how far the request had got (networkFailure decides from it whether anything was sent).
     */
    | { readonly kind: 'network'; readonly code: string; readonly detail: string; readonly phase: SendPhase }
    /** The client refused to send: the URL would not have gone exactly where it was meant to (see koreApiPaths). */
    | { readonly kind: 'refused'; readonly detail: string }
    /**
     * The proxy in between refused or dropped the tunnel, so nothing reached the host: `status` is the proxy's
     * own answer (407, 403…) when it gave one, and absent when it closed the connection.
     */
    | { readonly kind: 'proxy'; readonly status?: number; readonly detail: string }
  );

/**
 * A call waiting to learn whether its answer came over TLS. node-fetch hides its request, and only the socket
 * tells whether an answer to an https URL came through TLS from the host or in clear from a proxy that refused
 * the CONNECT (https-proxy-agent, under VS Code's proxy support, replays the proxy's answer as if it were the
 * host's: a proxy's 403 would otherwise read as Kore.ai's). Node announces each answer on a diagnostics
 * channel with its request (before fetch() resolves), so an answer is matched to its call by method, host and
 * path; two calls alike in all three would go the same way anyway.
 */
interface TlsWatch {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  /** Undefined until an answer came (or when the request was never seen): then nothing is concluded. */
  answeredOverTls?: boolean;
}

const watches = new Set<TlsWatch>();
subscribe('http.client.response.finish', (message) => {
  const { request, response } = (message ?? {}) as { request?: ClientRequest; response?: IncomingMessage };
  if (!request || !response) return;
  for (const watch of watches) {
    if (watch.answeredOverTls !== undefined || watch.method !== request.method || watch.host !== request.host || watch.path !== request.path) continue;
    watch.answeredOverTls = (response.socket as Partial<TLSSocket> | null)?.encrypted === true;
    return;
  }
});

/** RFC 9110 15.5.8: only a proxy answers 407 (Proxy Authentication Required), never the host behind it. */
const PROXY_AUTHENTICATION_REQUIRED = 407;

/**
 * Sends one request and describes how it ended. Every text in the description that came from a library or the
 * server passes through scrubExchange, so no URL or proxy credential reaches a log, document or message.
 */
export async function sendHttpRequest(spec: HttpRequestSpec): Promise<HttpExchange> {
  return scrubExchange(await exchangeOf(spec));
}

async function exchangeOf(spec: HttpRequestSpec): Promise<HttpExchange> {
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
  const phase = SendPhaseWatch.forUrl(spec.method, spec.url);
  try {
    const { response, answeredOverTls } = await fetchObserved(phase, spec.url, {
      method: spec.method,
      headers: { ...spec.headers },
      redirect: 'manual',
      signal: controller.signal,
      size: limitBytes,
      compress: true,
    });
    if (answeredByProxy(spec.url, response.status, answeredOverTls)) {
      // Its body is the proxy's, and nothing went further than the proxy.
      controller.abort();
      return { kind: 'proxy', status: response.status, detail: `${response.status} ${response.statusText}`.trim(), durationMs: elapsed() };
    }
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
    const headers: Record<string, string> = Object.fromEntries(response.headers.entries());
    return { kind: 'response', status: response.status, statusText: response.statusText, headers, bodyText, durationMs: elapsed() };
  } catch (error) {
    if (abortedBy === 'timeout') return { kind: 'timeout', timeoutMs: spec.timeoutMs, durationMs: elapsed() };
    if (abortedBy === 'cancel') return { kind: 'cancelled', durationMs: elapsed() };
    return failureExchange(error, elapsed(), phase.phase);
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener('abort', onCancel);
  }
}

/** fetch(), and whether its answer arrived over TLS (see TlsWatch). */
async function fetchObserved(phase: SendPhaseWatch, url: string, init: RequestInit & { method: string }): Promise<{ response: Response; answeredOverTls: boolean | undefined }> {
  const target = new URL(url);
  // Node's request carries the bare host name (no IPv6 brackets) and the path with its query.
  const watch: TlsWatch = { method: init.method, host: target.hostname.replace(/^\[(.*)\]$/, '$1'), path: `${target.pathname}${target.search}` };
  watches.add(watch);
  try {
    const response = await phase.run(() => fetch(url, init));
    return { response, answeredOverTls: watch.answeredOverTls };
  } finally {
    watches.delete(watch);
  }
}

/** Whether an answer is the proxy's rather than the host's: see PROXY_AUTHENTICATION_REQUIRED and TlsWatch. */
function answeredByProxy(url: string, status: number, answeredOverTls: boolean | undefined): boolean {
  return status === PROXY_AUTHENTICATION_REQUIRED || (url.startsWith('https:') && answeredOverTls === false);
}

/**
 * How a request that threw ended, its text scrubbed of credentials: a proxy failure (the agent's wording is all
 * it carries, and it only ever comes before the request had a connection), or a network one in `phase`.
 */
export function failureExchange(error: unknown, durationMs: number, phase: SendPhase): HttpExchange {
  const failure = networkErrorOf(error);
  const beforeConnection = phase === 'unobserved' || neverSentIn(phase);
  return scrubExchange(isProxyFailure(failure.detail) && beforeConnection ? { kind: 'proxy', detail: failure.detail, durationMs } : { kind: 'network', ...failure, phase, durationMs });
}

/**
 * The exchange with `clean` applied to each text a library or the server wrote: an error's detail, the status text,
 * headers, a redirect's location and the body. The one walk over those texts, for every cleaning there is.
 */
export function mapExchangeText(exchange: HttpExchange, clean: (text: string) => string): HttpExchange {
  switch (exchange.kind) {
    case 'response':
      return {
        ...exchange,
        statusText: clean(exchange.statusText),
        bodyText: clean(exchange.bodyText),
        headers: Object.fromEntries(Object.entries(exchange.headers).map(([name, value]) => [name, clean(value)])),
      };
    case 'redirect':
      return exchange.location === undefined ? exchange : { ...exchange, location: clean(exchange.location) };
    case 'network':
    case 'proxy':
    case 'refused':
      return { ...exchange, detail: clean(exchange.detail) };
    case 'tooLarge':
    case 'timeout':
    case 'cancelled':
      // No text from a library or the server: nothing to clean.
      return exchange;
  }
}

/** The exchange with the user information of every URL and proxy address removed from each of its texts. */
export function scrubExchange(exchange: HttpExchange): HttpExchange {
  return mapExchangeText(exchange, scrubCredentials);
}

// The one way a test makes a Kore call's result: an exchange built here, read by the real interpretExchange,
// so a test can never hold a result the client could not have produced, and a change to the result's shape
// is made in one place rather than in every test that needs an answer.
import { HttpExchange } from '../../src/core/api/koreHttp';
import { interpretExchange, KoreCallResult, RequestDescription } from '../../src/core/api/koreResult';

const TEST_HOST = 'https://platform.kore.ai';

/** The request a call for list `id` describes (the auth header already redacted, as the client does). */
export function requestFor(id = 'cl-1', method = 'DELETE', host = TEST_HOST): RequestDescription {
  return { method, url: `${host}/agentassist/api/v1/public/st-1/campaign/contactList/${id}`, headers: { auth: '<redacted>' } };
}

interface ResponseOptions {
  readonly headers?: Record<string, string>;
  readonly statusText?: string;
  readonly durationMs?: number;
}

/** An HTTP answer; a body that is not a string is sent as its JSON. */
export function responseExchange(status: number, body: unknown, options: ResponseOptions = {}): HttpExchange {
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return { kind: 'response', status, statusText: options.statusText ?? '', headers: options.headers ?? {}, bodyText, durationMs: options.durationMs ?? 1 };
}

interface ResultOptions {
  /** What was asked; a DELETE of cl-1 unless said. */
  readonly request?: RequestDescription;
  /** Secrets the result must not show (the token, the client secret). */
  readonly secrets?: ReadonlyArray<string | undefined>;
}

/** What the client makes of `exchange`. */
export function resultOf(exchange: HttpExchange, options: ResultOptions = {}): KoreCallResult {
  return interpretExchange(options.request ?? requestFor(), exchange, options.secrets ?? []);
}

/** What the client makes of an HTTP answer (see responseExchange for the body). */
export function responseResult(status: number, body: unknown, options: ResponseOptions & ResultOptions = {}): KoreCallResult {
  return resultOf(responseExchange(status, body, options), options);
}

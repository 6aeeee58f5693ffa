// Turns one HTTP exchange with Kore.ai into a typed result. The vendor documents no error-body shape,
// so anything but a 2xx JSON body whose `status` is "success" is a failure, and the body is kept to show.
import { ContactListRecord, KoreEnvelope, asContactListRecord } from './contactList';
import { HttpExchange } from './koreHttp';
import { redactSecrets, redactValue } from './redaction';
import { oneLine } from './textSafety';

export type FailureReason =
  | 'http'
  | 'apiFailure'
  | 'notJson'
  | 'emptyBody'
  | 'redirect'
  | 'tooLarge'
  | 'timeout'
  | 'cancelled'
  | 'network'
  | 'refused';

/** What was sent, safe to log and show: the `auth` header is already redacted. */
export interface RequestDescription {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface KoreCallResult {
  readonly ok: boolean;
  readonly failure?: FailureReason;
  readonly request: RequestDescription;
  readonly exchange: HttpExchange;
  /** The parsed body, when the body was JSON. */
  readonly json?: unknown;
  /** The server's own words (`message`, or the first `errors[].msg`), made safe to show in one line. */
  readonly serverMessage?: string;
  readonly contactList?: ContactListRecord;
  /** From a 429's `Retry-After` header, in seconds. */
  readonly retryAfterSeconds?: number;
}

const MAX_SERVER_MESSAGE = 300;

/**
 * `secrets` (the token sent) are removed from everything the server sent, in any escaped form, before
 * anything reads it: the body, its parsed value, the status text, headers and a redirect's location.
 */
export function interpretExchange(request: RequestDescription, received: HttpExchange, secrets: ReadonlyArray<string | undefined> = []): KoreCallResult {
  const exchange = redactExchange(received, secrets);
  if (exchange.kind !== 'response') {
    return { ok: false, failure: exchange.kind, request, exchange };
  }
  const json = parseJson(exchange.bodyText, secrets);
  const serverMessage = extractServerMessage(json);
  const base = { request, exchange, ...(json.ok ? { json: json.value } : {}), ...(serverMessage ? { serverMessage } : {}) };
  if (exchange.status < 200 || exchange.status >= 300) {
    const retryAfterSeconds = parseRetryAfter(exchange.headers['retry-after']);
    return { ...base, ok: false, failure: 'http', ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
  if (exchange.bodyText.trim() === '') return { ...base, ok: false, failure: 'emptyBody' };
  if (!json.ok) return { ...base, ok: false, failure: 'notJson' };
  const envelope = json.value as KoreEnvelope;
  if (typeof envelope !== 'object' || envelope === null || envelope.status !== 'success') {
    return { ...base, ok: false, failure: 'apiFailure' };
  }
  const contactList = asContactListRecord(envelope.data);
  return { ...base, ok: true, ...(contactList ? { contactList } : {}) };
}

function redactExchange(exchange: HttpExchange, secrets: ReadonlyArray<string | undefined>): HttpExchange {
  const clean = (text: string) => redactSecrets(text, secrets);
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
      return { ...exchange, detail: clean(exchange.detail) };
    default:
      return exchange;
  }
}

function parseJson(text: string, secrets: ReadonlyArray<string | undefined>): { ok: true; value: unknown } | { ok: false } {
  // A byte order mark is not part of JSON, but some servers send one.
  const body = text.replace(/^\ufeff/, '');
  if (!body.trim()) return { ok: false };
  try {
    // The text was redacted already; the parsed value is too, in case an escape form was missed there.
    return { ok: true, value: redactValue(JSON.parse(body) as unknown, secrets) };
  } catch {
    return { ok: false };
  }
}

/** Kore.ai answers `{ message }` on this API family and `{ errors: [{ msg }] }` on the platform's gateway. */
function extractServerMessage(json: { ok: boolean; value?: unknown }): string | undefined {
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return undefined;
  const body = json.value as Record<string, unknown>;
  const candidates: unknown[] = [body.message];
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const first = body.errors[0] as Record<string, unknown> | undefined;
    candidates.push(first?.msg, first?.message);
  }
  if (typeof body.error === 'string') candidates.push(body.error);
  if (typeof body.error === 'object' && body.error !== null) candidates.push((body.error as Record<string, unknown>).message);
  const found = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '');
  if (found === undefined) return undefined;
  // Server text goes into a notification: one safe line of bounded length, or nothing when nothing is left.
  const line = oneLine(found, MAX_SERVER_MESSAGE);
  return line === '' ? undefined : line;
}


/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

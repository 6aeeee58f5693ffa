// Turns one HTTP exchange with Kore.ai into a typed result. The vendor documents no error-body shape, and
// its success bodies vary ("status": "success", "Success", or only a message), so a 2xx JSON answer is a
// success unless its body says otherwise: a failure only when it clearly says so, "unconfirmed" when it
// says something else (its outcome is then unknown). The body is always kept to show.
import * as l10n from '@vscode/l10n';
import { ContactListRecord, KoreEnvelope, asContactListRecord } from './contactList';
import { scrubCredentials } from '../text/credentialScrubber';
import { HttpExchange, mapExchangeText } from './koreHttp';
import { redactSecrets, redactValue } from '../text/redaction';
import { serverText } from '../text/textSafety';

export type FailureReason =
  | 'http'
  | 'apiFailure'
  | 'notJson'
  | 'emptyBody'
  /** A 2xx JSON answer that neither confirms nor denies: an unexpected `status`, or not an object at all. */
  | 'unconfirmed'
  | 'redirect'
  | 'tooLarge'
  | 'timeout'
  | 'cancelled'
  | 'network'
  | 'refused'
  /** The proxy in between refused or dropped the tunnel: nothing reached the host. */
  | 'proxy';

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
  /**
   * A success whose answer held no list record in `data`: the older v1 form (v1-legacy) answers a delete with
   * only `{status, message}`. Still a success; what is lost is the record, and the user is told so.
   */
  readonly withoutRecord?: true;
  /** From a 429's `Retry-After` header: whole seconds in [0, MAX_RETRY_AFTER_SECONDS]. */
  readonly retryAfterSeconds?: number;
}

/**
 * The list record an answer gave, only when it is the record of the list asked about: a server that answers
 * with another list's record must not lend that list's name to a message, a tab, a file name or the audit trail.
 */
export function recordOfList(result: KoreCallResult, contactListId: string): ContactListRecord | undefined {
  return result.contactList?._id === contactListId ? result.contactList : undefined;
}

/** The HTTP status of a full answer (headers and body read), or undefined when there was none. */
export function responseStatusOf(result: KoreCallResult): number | undefined {
  return result.exchange.kind === 'response' ? result.exchange.status : undefined;
}

/** The HTTP status of any answer the server gave: a full one, a redirect not followed, or one too large to read. */
export function answerStatusOf(result: KoreCallResult): number | undefined {
  const exchange = result.exchange;
  return exchange.kind === 'response' || exchange.kind === 'redirect' || exchange.kind === 'tooLarge' ? exchange.status : undefined;
}

const MAX_SERVER_MESSAGE = 300;

/**
 * The user information of URLs and proxies (scrubCredentials) and `secrets` (the token sent) are removed from everything the server sent, in any escaped form, before
 * anything reads it: the body, its parsed value, the status text, headers and a redirect's location.
 */
export function interpretExchange(request: RequestDescription, received: HttpExchange, secrets: ReadonlyArray<string | undefined> = []): KoreCallResult {
  // Scrubbed again here: an exchange made without sendHttpRequest (a refused one) passes this way too. One walk
  // over the texts does both cleanings.
  const exchange = mapExchangeText(received, (text) => redactSecrets(scrubCredentials(text), secrets));
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
  const verdict = envelopeVerdict(json.value);
  if (verdict === 'failure') return { ...base, ok: false, failure: 'apiFailure' };
  if (verdict === 'unclear') return { ...base, ok: false, failure: 'unconfirmed' };
  const contactList = asContactListRecord((json.value as KoreEnvelope).data);
  return { ...base, ok: true, ...(contactList ? { contactList } : { withoutRecord: true as const }) };
}

/**
 * The sentence a success without a record carries wherever it is shown (the message, the response editor, the
 * audit entry), so nobody reads the missing details as a missing delete. Undefined for every other result.
 */
export function missingRecordNote(result: KoreCallResult): string | undefined {
  if (!result.ok || result.withoutRecord !== true) return undefined;
  return result.request.method === 'DELETE' ? l10n.t('The server did not return the deleted list\'s record.') : l10n.t('The server did not return the list\'s record.');
}

const SUCCESS_STATUS = 'success';
const FAILURE_STATUSES = new Set(['failure', 'failed', 'fail', 'error']);

/**
 * What a 2xx JSON body says. The HTTP status already says "done", so a body that says nothing more (only a
 * message) is a success; a body that says failure (its `status`, `success: false`, a non-empty `errors`, an
 * `error`) is a failure; anything else (a status nobody documented, an array, a bare string, a body that
 * says both) leaves the outcome unclear.
 */
function envelopeVerdict(value: unknown): 'success' | 'failure' | 'unclear' {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'unclear';
  const body = value as KoreEnvelope;
  const status = typeof body.status === 'string' ? body.status.trim().toLowerCase() : body.status;
  const saysSuccess = status === SUCCESS_STATUS || body.success === true;
  const saysFailure =
    (typeof status === 'string' && FAILURE_STATUSES.has(status)) ||
    body.success === false ||
    (Array.isArray(body.errors) && body.errors.length > 0) ||
    (body.error !== undefined && body.error !== null && body.error !== false && body.error !== '');
  if (saysFailure) return saysSuccess ? 'unclear' : 'failure';
  if (saysSuccess || status === undefined || status === null) return 'success';
  return 'unclear';
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
  // serverText: it is quoted in messages ("The server said: …"), so its own quotes are neutralised there too.
  const line = serverText(found, MAX_SERVER_MESSAGE);
  return line === '' ? undefined : line;
}


/**
 * A `Retry-After` above this is not believed: Kore.ai counts a one-minute window, and a run or a message
 * must not stall or promise a wait of hours. Longer values are clamped to it.
 */
export const MAX_RETRY_AFTER_SECONDS = 300;

/**
 * `Retry-After` as RFC 9110 (section 10.2.3) defines it: delay-seconds (digits only) or an HTTP-date.
 * Anything else (a sign, a fraction, a word, a date Date.parse would guess at) is undefined, so the caller
 * falls back to its own backoff. The result is whole seconds in [0, MAX_RETRY_AFTER_SECONDS].
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  // Only optional whitespace (SP / HTAB) may surround a field value.
  const text = value.replace(/^[ \t]+|[ \t]+$/g, '');
  if (/^[0-9]+$/.test(text)) return clampSeconds(Number(text));
  const date = parseHttpDate(text, now);
  if (date === undefined || !Number.isFinite(now)) return undefined;
  return clampSeconds(Math.ceil((date - now) / 1000));
}

function clampSeconds(seconds: number): number | undefined {
  if (Number.isNaN(seconds)) return undefined;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, seconds));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '([0-9]{2}):([0-9]{2}):([0-9]{2})';
/** IMF-fixdate, the preferred form: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = new RegExp(`^${DAY}, ([0-9]{2}) ${MONTH} ([0-9]{4}) ${TIME} GMT$`);
/** The obsolete RFC 850 form: `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC850_DATE = new RegExp(`^${LONG_DAY}, ([0-9]{2})-${MONTH}-([0-9]{2}) ${TIME} GMT$`);
/** The obsolete asctime form: `Sun Nov  6 08:49:37 1994`. */
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} ([ 0-9][0-9]) ${TIME} ([0-9]{4})$`);

/** An HTTP-date (RFC 9110 section 5.6.7) in epoch milliseconds, or undefined when it is not one. */
export function parseHttpDate(text: string, now: number = Date.now()): number | undefined {
  let parts: { day: string; month: string; year: number; hour: string; minute: string; second: string } | undefined;
  let match = IMF_FIXDATE.exec(text);
  if (match) parts = { day: match[1], month: match[2], year: Number(match[3]), hour: match[4], minute: match[5], second: match[6] };
  match = parts ? null : RFC850_DATE.exec(text);
  if (match) parts = { day: match[1], month: match[2], year: twoDigitYear(Number(match[3]), now), hour: match[4], minute: match[5], second: match[6] };
  match = parts ? null : ASCTIME_DATE.exec(text);
  if (match) parts = { day: match[2].trim(), month: match[1], year: Number(match[6]), hour: match[3], minute: match[4], second: match[5] };
  if (!parts) return undefined;
  const month = MONTHS.indexOf(parts.month);
  const [day, hour, minute, second] = [parts.day, parts.hour, parts.minute, parts.second].map(Number);
  // 60 seconds is a leap second; the rest must name a real instant (no 31 February).
  if (hour > 23 || minute > 59 || second > 60 || day < 1) return undefined;
  const time = Date.UTC(parts.year, month, day, hour, minute, Math.min(second, 59));
  if (new Date(time).getUTCDate() !== day) return undefined;
  return time;
}

/** RFC 9110: a two-digit year more than 50 years in the future is the most recent past year ending so. */
function twoDigitYear(year: number, now: number): number {
  const current = Number.isFinite(now) ? new Date(now).getUTCFullYear() : 2000;
  let full = Math.floor(current / 100) * 100 + year;
  if (full > current + 50) full -= 100;
  return full;
}

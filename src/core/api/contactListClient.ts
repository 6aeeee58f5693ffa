// The Kore.ai contact-list API calls, with the documented headers. Vscode-free: the extension and the tests share it.
import { asContactListRecord, ContactListRecord, KoreEnvelope } from './contactList';
import { ApiTarget, unexpectedRequestUrl } from './koreApiPaths';
import { sendHttpRequest } from './koreHttp';
import { KoreCallResult, RequestDescription, interpretExchange, responseStatusOf } from './koreResult';
import { KoreRequest, allContactListsRequest, contactListRequest, headersWithAuth, headersWithoutAuth } from './koreRequest';
import { redactHeaders } from '../text/redaction';

export interface CallOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly maxBodyBytes?: number;
  /**
   * Awaited before each request is sent (a listing may send two): the account's rate limiter. A token given as
   * a function is made after it, so a wait for the limiter cannot eat into a short-lived JWT's lifetime.
   */
  readonly beforeSend?: () => Promise<void>;
}

/** The `auth` value, or how to make it when the request is about to go. */
export type TokenInput = string | (() => string);

/** The documented headers: `auth`, then the others of koreRequest (the dialect's identifying headers first). */
export function koreHeaders(target: ApiTarget, token: string): Record<string, string> {
  return headersWithAuth({ headers: headersWithoutAuth(target) }, token);
}

/** `DELETE …/campaign/contactList/{id}`: deletes the list; a success answers the deleted list's record. */
export function deleteContactList(target: ApiTarget, token: TokenInput, contactListId: string, options: CallOptions): Promise<KoreCallResult> {
  return call(contactListRequest(target, 'DELETE', contactListId), target, token, options);
}

/** `GET …/campaign/contactList/{id}`: the list's details, the same record shape as a delete answers. */
export function getContactList(target: ApiTarget, token: TokenInput, contactListId: string, options: CallOptions): Promise<KoreCallResult> {
  return call(contactListRequest(target, 'GET', contactListId), target, token, options);
}

/** Sends exactly the request koreRequest describes, with the token as `auth`. */
async function call(request: KoreRequest, target: ApiTarget, token: TokenInput, options: CallOptions): Promise<KoreCallResult> {
  const { method, url } = request;
  const { beforeSend, ...sendOptions } = options;
  // Validation should have refused whatever makes the URL go elsewhere; if something slipped through, nothing
  // is sent rather than a DELETE to an address nobody confirmed.
  const unexpected = unexpectedRequestUrl(url, request.expected);
  if (unexpected !== undefined) return interpretExchange(unsentRequest(method, url, target), { kind: 'refused', detail: unexpected, durationMs: 0 });
  await beforeSend?.();
  if (sendOptions.signal?.aborted) return interpretExchange(unsentRequest(method, url, target), { kind: 'cancelled', beforeSending: true, durationMs: 0 });
  const auth = typeof token === 'function' ? token() : token;
  const headers = headersWithAuth(request, auth);
  const exchange = await sendHttpRequest({ method, url, headers, ...sendOptions });
  // A server that echoes the token back must not get it into a document, a log or a message through us.
  return interpretExchange({ method, url, headers: redactHeaders(headers) }, exchange, [auth]);
}

/** What was about to be sent, for a request refused before any token was made: the `auth` header is redacted. */
function unsentRequest(method: string, url: string, target: ApiTarget): RequestDescription {
  return { method, url, headers: redactHeaders(koreHeaders(target, '')) };
}

export interface AllListsResult {
  readonly result: KoreCallResult;
  /** The lists, when the call succeeded; entries that are not list records are left out. */
  readonly lists?: ContactListRecord[];
  /**
   * Entries left out: not a list record, or an `_id` that validation would refuse from a user (it would be sent
   * back in a DELETE, so it is held to the same rules as a typed one).
   */
  readonly skipped?: number;
}

/**
 * "Get all list details" of one type. The vendor's pages disagree on its method, so a GET answered with
 * 404 or 405 is tried once more as POST; whichever answers is used. Only for a dialect that has the call
 * (canListAll): asking another is a caller's mistake, refused before anything is sent.
 */
export async function getAllContactLists(target: ApiTarget, token: TokenInput, options: CallOptions, type = 'call'): Promise<AllListsResult> {
  const asGet = allContactListsRequest(target, 'GET', type);
  const asPost = allContactListsRequest(target, 'POST', type);
  if (asGet === undefined || asPost === undefined) {
    const nowhere = `${target.host}/`;
    return { result: interpretExchange(unsentRequest('GET', nowhere, target), { kind: 'refused', detail: 'this API dialect has no call that lists all contact lists', durationMs: 0 }) };
  }
  let result = await call(asGet, target, token, options);
  const status = responseStatusOf(result);
  if (status === 404 || status === 405) result = await call(asPost, target, token, options);
  if (!result.ok) return { result };
  const data = (result.json as KoreEnvelope).data;
  if (!Array.isArray(data)) return { result, lists: [], skipped: 0 };
  const lists = data.map((item) => asContactListRecord(item)).filter((list): list is ContactListRecord => list !== undefined);
  return { result, lists, skipped: data.length - lists.length };
}

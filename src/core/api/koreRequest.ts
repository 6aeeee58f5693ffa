// One request as it is meant to be sent, minus the token: method, URL, the address it must parse to, and every
// header but the `auth` value. The HTTP client sends exactly this (adding `auth`), and Copy as cURL writes
// exactly this (with a placeholder for `auth`), so the command a user copies cannot drift from what was sent.
// No I/O here: the activation bundle builds cURL commands without loading the HTTP client.
import {
  ApiTarget,
  ExpectedRequest,
  allContactListsUrl,
  contactListUrl,
  expectedAllContactListsRequest,
  expectedContactListRequest,
  identityHeaders,
} from './koreApiPaths';

type KoreMethod = 'GET' | 'DELETE' | 'POST';

/** The header that carries the token; every dialect sends it, first. */
export const AUTH_HEADER = 'auth';

export interface KoreRequest {
  readonly method: KoreMethod;
  readonly url: string;
  /** What the URL must parse to (koreApiPaths.unexpectedRequestUrl), checked before anything is sent. */
  readonly expected: ExpectedRequest;
  /** Every header except `auth`, in the order sent: the dialect's identifying headers, then the content types. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The headers a request of this target sends besides `auth` (koreApiPaths' table decides the identifying ones). */
export function headersWithoutAuth(target: ApiTarget): Record<string, string> {
  return { ...identityHeaders(target), 'Content-Type': 'application/json', Accept: 'application/json' };
}

/** The headers to send: `auth` first, then the rest of the request's. */
export function headersWithAuth(request: Pick<KoreRequest, 'headers'>, token: string): Record<string, string> {
  return { [AUTH_HEADER]: token, ...request.headers };
}

/** `GET` (Get Contact List Details) or `DELETE` of one contact list. */
export function contactListRequest(target: ApiTarget, method: 'GET' | 'DELETE', contactListId: string): KoreRequest {
  return {
    method,
    url: contactListUrl(target, contactListId),
    expected: expectedContactListRequest(target, contactListId),
    headers: headersWithoutAuth(target),
  };
}

/** "Get all list details" of one type, or undefined for a dialect that does not document it. */
export function allContactListsRequest(target: ApiTarget, method: 'GET' | 'POST', type = 'call'): KoreRequest | undefined {
  const url = allContactListsUrl(target, type);
  const expected = expectedAllContactListsRequest(target, type);
  if (url === undefined || expected === undefined) return undefined;
  return { method, url, expected, headers: headersWithoutAuth(target) };
}

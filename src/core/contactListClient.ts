// The Kore.ai contact-list API calls, with the documented headers. Vscode-free: the extension and the tests share it.
import { asContactListRecord, ContactListRecord, KoreEnvelope } from './contactList';
import { allContactListsUrl, contactListUrl } from './koreApiPaths';
import { HttpRequestSpec, sendHttpRequest } from './koreHttp';
import { KoreCallResult, RequestDescription, interpretExchange } from './koreResult';
import { redactHeaders, redactSecrets } from './redaction';

/** Where a call goes: the non-secret half of an environment. */
export interface KoreTarget {
  readonly host: string;
  readonly iid: string;
  readonly accountId: string;
}

export interface CallOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly maxBodyBytes?: number;
}

export function koreHeaders(target: KoreTarget, token: string): Record<string, string> {
  return {
    auth: token,
    iid: target.iid,
    accountId: target.accountId,
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
}

/** `DELETE …/campaign/contactList/{id}`: deletes the list; a success answers the deleted list's record. */
export function deleteContactList(target: KoreTarget, token: string, contactListId: string, options: CallOptions): Promise<KoreCallResult> {
  return call('DELETE', contactListUrl(target.host, target.iid, contactListId), target, token, options);
}

/** `GET …/campaign/contactList/{id}`: the list's details, the same record shape as a delete answers. */
export function getContactList(target: KoreTarget, token: string, contactListId: string, options: CallOptions): Promise<KoreCallResult> {
  return call('GET', contactListUrl(target.host, target.iid, contactListId), target, token, options);
}

async function call(
  method: HttpRequestSpec['method'],
  url: string,
  target: KoreTarget,
  token: string,
  options: CallOptions,
): Promise<KoreCallResult> {
  const headers = koreHeaders(target, token);
  const request: RequestDescription = { method, url, headers: redactHeaders(headers) };
  const exchange = await sendHttpRequest({ method, url, headers, ...options });
  // A server that echoes the token back must not get it into a document or a log through us.
  const safeExchange =
    exchange.kind === 'response'
      ? { ...exchange, statusText: redactSecrets(exchange.statusText, [token]), bodyText: redactSecrets(exchange.bodyText, [token]) }
      : exchange.kind === 'redirect' && exchange.location !== undefined
        ? { ...exchange, location: redactSecrets(exchange.location, [token]) }
        : exchange;
  return interpretExchange(request, safeExchange);
}

export interface AllListsResult {
  readonly result: KoreCallResult;
  /** The lists, when the call succeeded; entries that are not list records are left out. */
  readonly lists?: ContactListRecord[];
}

/**
 * "Get all list details" of one type. The vendor's pages disagree on its method, so a GET answered with
 * 404 or 405 is tried once more as POST; whichever answers is used.
 */
export async function getAllContactLists(target: KoreTarget, token: string, options: CallOptions, type = 'call'): Promise<AllListsResult> {
  const url = allContactListsUrl(target.host, target.iid, type);
  let result = await call('GET', url, target, token, options);
  const status = result.exchange.kind === 'response' ? result.exchange.status : undefined;
  if (status === 404 || status === 405) result = await call('POST', url, target, token, options);
  if (!result.ok) return { result };
  const data = (result.json as KoreEnvelope).data;
  if (!Array.isArray(data)) return { result, lists: [] };
  return { result, lists: data.map((item) => asContactListRecord(item)).filter((list): list is ContactListRecord => list !== undefined) };
}

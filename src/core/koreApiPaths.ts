// Every Kore.ai URL the extension builds, in one place: the vendor's pages disagree on some paths,
// and a newer API family (v2) exists, so a path change should be a one-line change here.

const CONTACT_LIST_BASE = '/agentassist/api/v1/public/{iid}/campaign/contactList';

function basePath(iid: string): string {
  return CONTACT_LIST_BASE.replace('{iid}', encodeURIComponent(iid));
}

function base(host: string, iid: string): string {
  return host.replace(/\/+$/, '') + basePath(iid);
}

/** `DELETE` and `GET` of one contact list. The id is encoded even though validation already refuses `/`, `%`, `?`. */
export function contactListUrl(host: string, iid: string, contactListId: string): string {
  return `${base(host, iid)}/${encodeURIComponent(contactListId)}`;
}

/** The path alone, as the fake server and the logs see it. */
export function contactListPath(iid: string, contactListId: string): string {
  return new URL(contactListUrl('http://x', iid, contactListId)).pathname;
}

/** "Get all list details": the vendor labels it POST but its sample sends no body; the client tries GET first. */
export function allContactListsUrl(host: string, iid: string, type = 'call'): string {
  return `${base(host, iid)}/getAllListDetails?type=${encodeURIComponent(type)}`;
}

/** What a request URL must be once parsed: the environment's origin and exactly this path and query. */
export interface ExpectedRequest {
  readonly host: string;
  readonly path: string;
  readonly search: string;
}

/** Where a GET or DELETE of one list must go: one path segment holding the encoded id, nothing normalised away. */
export function expectedContactListRequest(host: string, iid: string, contactListId: string): ExpectedRequest {
  return { host, path: `${basePath(iid)}/${encodeURIComponent(contactListId)}`, search: '' };
}

export function expectedAllContactListsRequest(host: string, iid: string, type = 'call'): ExpectedRequest {
  return { host, path: `${basePath(iid)}/getAllListDetails`, search: `?type=${encodeURIComponent(type)}` };
}

/**
 * The second line of defence behind validation: URL parsing removes dot segments (`/contactList/.` becomes
 * `/contactList/`, the collection) and resolves other surprises, so the URL about to be sent is parsed and
 * compared with what was meant. Returns why it differs, or undefined when it goes exactly where it should.
 */
export function unexpectedRequestUrl(url: string, expected: ExpectedRequest): string | undefined {
  let parsed: URL;
  let origin: string;
  try {
    parsed = new URL(url);
    origin = new URL(expected.host).origin;
  } catch {
    return 'the address is not a valid URL';
  }
  if (parsed.origin !== origin) return `it would go to ${parsed.origin} instead of ${origin}`;
  if (parsed.username || parsed.password) return 'it would carry a user name or password';
  if (parsed.pathname !== expected.path) return `its path would be ${parsed.pathname} instead of ${expected.path}`;
  if (parsed.search !== expected.search || parsed.hash !== '') return 'its query or fragment is not the expected one';
  return undefined;
}

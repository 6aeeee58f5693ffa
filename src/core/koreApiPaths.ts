// Every Kore.ai URL the extension builds, in one place: the vendor's pages disagree on some paths,
// and a newer API family (v2) exists, so a path change should be a one-line change here.

const CONTACT_LIST_BASE = '/agentassist/api/v1/public/{iid}/campaign/contactList';

function base(host: string, iid: string): string {
  return host.replace(/\/+$/, '') + CONTACT_LIST_BASE.replace('{iid}', encodeURIComponent(iid));
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

// Every Kore.ai URL the extension builds, in one place: the vendor's pages disagree on some paths, and the
// same calls exist in three documented forms ("dialects"). Each dialect is one entry of DIALECT_ROUTES; the
// callers never branch on a dialect, they ask this table, so a new or corrected form is a one-entry change.

export const API_DIALECTS = ['v1', 'v1-legacy', 'v2'] as const;
/** Which documented form of the contact-list API an environment's tenant serves. */
export type ApiDialect = (typeof API_DIALECTS)[number];
/** The seed's form, and what an environment stored before dialects existed (no field) means. */
export const DEFAULT_DIALECT: ApiDialect = 'v1';

export function isApiDialect(value: unknown): value is ApiDialect {
  return typeof value === 'string' && (API_DIALECTS as readonly string[]).includes(value);
}

/** An identifying header sent beside `auth` (the token, which every dialect sends). */
type IdentityHeader = 'iid' | 'accountId';

interface DialectRoutes {
  /** The contact-list collection; `{iid}` is the App ID (the docs call it streamId in v2 and legacy). */
  readonly basePath: string;
  /** The account id travels as `?accountId=` rather than (or besides) a header. */
  readonly accountIdInQuery: boolean;
  /** The headers sent besides `auth`, in this order. */
  readonly identityHeaders: readonly IdentityHeader[];
  /** Whether "get all list details" is documented for this dialect: without it the tree cannot browse. */
  readonly listAll: boolean;
}

const DIALECT_ROUTES: Readonly<Record<ApiDialect, DialectRoutes>> = {
  v1: { basePath: '/agentassist/api/v1/public/{iid}/campaign/contactList', accountIdInQuery: false, identityHeaders: ['iid', 'accountId'], listAll: true },
  'v1-legacy': { basePath: '/agentassist/api/v1/public/{iid}/campaign/contactList', accountIdInQuery: true, identityHeaders: [], listAll: false },
  v2: { basePath: '/campaign/api/v2/public/{iid}/campaign/contactList', accountIdInQuery: true, identityHeaders: ['iid', 'accountId'], listAll: false },
};

/** Where a call goes: the non-secret half of an environment. No dialect means the default (v1). */
export interface ApiTarget {
  readonly host: string;
  readonly iid: string;
  readonly accountId: string;
  readonly dialect?: ApiDialect;
}

/**
 * The dialect of a target. A value that is not one of the three (a hand-made object; settings and imports are
 * checked before) falls back to the default rather than to an undefined table entry.
 */
export function dialectOf(target: { readonly dialect?: unknown }): ApiDialect {
  return isApiDialect(target.dialect) ? target.dialect : DEFAULT_DIALECT;
}

function routesOf(target: { readonly dialect?: unknown }): DialectRoutes {
  return DIALECT_ROUTES[dialectOf(target)];
}

/** Whether the tree (and a bulk pick) can list this target's contact lists. */
export function canListAll(target: { readonly dialect?: unknown }): boolean {
  return routesOf(target).listAll;
}

/** The identifying headers a request of this target sends besides `auth`, from the table. */
export function identityHeaders(target: ApiTarget): Record<string, string> {
  const values: Record<IdentityHeader, string> = { iid: target.iid, accountId: target.accountId };
  return Object.fromEntries(routesOf(target).identityHeaders.map((name) => [name, values[name]]));
}

/**
 * Every character of a path segment or query value that is not `A-Z a-z 0-9 - _ .` percent-encoded (UTF-8).
 * encodeURIComponent leaves `! ' ( ) * ~` as they are; they are legal in a URL but a shell, curl or a log reader may
 * read them (`!` is history expansion, `'` ends a quoted word): the URL sent and the URL copied as cURL both come from
 * here, so neither ever holds one. A lone surrogate (no UTF-8 form) throws URIError, as encodeURIComponent does.
 */
function encodeUrlComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

function basePath(target: ApiTarget): string {
  return routesOf(target).basePath.replace('{iid}', encodeUrlComponent(target.iid));
}

function origin(host: string): string {
  return host.replace(/\/+$/, '');
}

/** The query string (with its `?`, or empty): the call's own parameters, then the account id where the dialect wants it. */
function query(target: ApiTarget, own: ReadonlyArray<[string, string]> = []): string {
  const parameters = [...own, ...(routesOf(target).accountIdInQuery ? [['accountId', target.accountId] as [string, string]] : [])];
  return parameters.length === 0 ? '' : `?${parameters.map(([name, value]) => `${name}=${encodeUrlComponent(value)}`).join('&')}`;
}

/** `DELETE` and `GET` of one contact list. The id is encoded (encodeUrlComponent) even though validation already refuses `/`, `%`, `?`. */
export function contactListUrl(target: ApiTarget, contactListId: string): string {
  const expected = expectedContactListRequest(target, contactListId);
  return `${origin(target.host)}${expected.path}${expected.search}`;
}

/**
 * "Get all list details": the vendor labels it POST but its sample sends no body; the client tries GET first.
 * Undefined for a dialect that does not document it.
 */
export function allContactListsUrl(target: ApiTarget, type = 'call'): string | undefined {
  const expected = expectedAllContactListsRequest(target, type);
  return expected && `${origin(target.host)}${expected.path}${expected.search}`;
}

/** What a request URL must be once parsed: the environment's origin and exactly this path and query. */
export interface ExpectedRequest {
  readonly host: string;
  readonly path: string;
  readonly search: string;
}

/** Where a GET or DELETE of one list must go: one path segment holding the encoded id, nothing normalised away. */
export function expectedContactListRequest(target: ApiTarget, contactListId: string): ExpectedRequest {
  return { host: target.host, path: `${basePath(target)}/${encodeUrlComponent(contactListId)}`, search: query(target) };
}

export function expectedAllContactListsRequest(target: ApiTarget, type = 'call'): ExpectedRequest | undefined {
  if (!canListAll(target)) return undefined;
  return { host: target.host, path: `${basePath(target)}/getAllListDetails`, search: query(target, [['type', type]]) };
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

// Which API dialect a tenant serves, found by Test Connection: the environment's own dialect is tried first; when
// the platform says that form of the API does not exist there (a 404 for the route itself), the other dialects
// are tried with a harmless GET, and the first one that answers is offered as the fix.
//
// How a 404 for the route is told apart from a 404 for a list: the contact-list API answers a list it does not
// have in its own envelope, a JSON object with a `status` field (`{"status":"failure","message":"Contact list …
// not found"}`); the vendor documents `status` as the field every answer of this family carries. A path the
// platform does not serve never reaches that code: the web framework or the gateway in front of it answers, with
// an HTML page ("Cannot GET …"), plain text, an empty body, or the gateway's `{"errors":[…]}` JSON, none of which
// carries `status`. So a 404 whose body is a JSON object with a string `status` means the route is served (and,
// since the token and ids are checked before the list is looked up, that they were accepted); any other 404
// means the route is not. A 2xx means served too. Everything else (401, 403, a timeout…) says nothing about the
// dialect, and Test Connection reports it as it always has.
import { API_DIALECTS, ApiDialect, dialectOf } from './koreApiPaths';
import { KoreCallResult, responseStatusOf } from './koreResult';

/**
 * The id of the harmless GET: a well-formed id (validation accepts it) that no real list has, so the answer is
 * "not found" wherever the route is served, and nothing is ever changed.
 */
export const PROBE_CONTACT_LIST_ID = 'cl-kore-contact-lists-dialect-probe';

export type RouteVerdict =
  /** The route answered: a success, or the API's own "no such list". */
  | 'served'
  /** A 404 from something other than the contact-list API: this dialect's route does not exist here. */
  | 'routeMissing'
  /** Any other failure (credential, network, server error): it tells nothing about the dialect. */
  | 'failed';

/** A 404 whose body is not the contact-list API's own envelope (see the reasoning above). */
export function isRouteNotFound(result: KoreCallResult): boolean {
  if (responseStatusOf(result) !== 404) return false;
  const body = result.json;
  const isEnvelope = typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as Record<string, unknown>).status === 'string';
  return !isEnvelope;
}

/** What one request (a probe GET, or v1's list-all) says about whether its dialect is served. */
export function routeVerdict(result: KoreCallResult): RouteVerdict {
  if (result.ok) return 'served';
  if (responseStatusOf(result) === 404) return isRouteNotFound(result) ? 'routeMissing' : 'served';
  return 'failed';
}

/** The dialects to try after `current` did not answer, in the table's order. */
export function otherDialects(current: ApiDialect | undefined): ApiDialect[] {
  const own = dialectOf({ dialect: current });
  return API_DIALECTS.filter((dialect) => dialect !== own);
}

export interface DialectSearch {
  /** The first other dialect that answered, when one did. */
  readonly found?: ApiDialect;
  /** Every dialect tried, in order, with what its answer said. */
  readonly tried: ReadonlyArray<{ readonly dialect: ApiDialect; readonly verdict: RouteVerdict; readonly result: KoreCallResult }>;
}

/**
 * Tries the other dialects one at a time (each probe is one paced request) and stops at the first that is
 * served. A cancelled probe ends the search: nothing more is sent once the user said stop.
 */
export async function findServedDialect(current: ApiDialect | undefined, probe: (dialect: ApiDialect) => Promise<KoreCallResult>): Promise<DialectSearch> {
  const tried: Array<DialectSearch['tried'][number]> = [];
  for (const dialect of otherDialects(current)) {
    const result = await probe(dialect);
    const verdict = routeVerdict(result);
    tried.push({ dialect, verdict, result });
    if (verdict === 'served') return { found: dialect, tried };
    if (result.failure === 'cancelled') break;
  }
  return { tried };
}

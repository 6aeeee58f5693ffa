// The project's real client bound to one fake Kore.ai endpoint: its target, and a DeleteOne for the bulk runner.
import { DeleteOne } from '../../src/core/bulk/requests';
import { ApiTarget } from '../../src/core/api/koreApiPaths';
import { deleteContactList } from '../../src/core/api/contactListClient';

/** Generous: a timeout would make an id "unknown" and spoil a figure that is about pacing or memory. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Where a fake server listens and what it accepts: enough to call it. */
export interface KoreEndpoint {
  readonly url: string;
  readonly iid: string;
  readonly accountId: string;
  readonly token: string;
}

export function targetOf(endpoint: KoreEndpoint): ApiTarget {
  return { host: endpoint.url, iid: endpoint.iid, accountId: endpoint.accountId };
}

export function clientDeleteOne(endpoint: KoreEndpoint): DeleteOne {
  const target = targetOf(endpoint);
  return (id, signal) => deleteContactList(target, endpoint.token, id, { timeoutMs: REQUEST_TIMEOUT_MS, signal });
}

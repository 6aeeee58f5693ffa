// A fake Kore.ai server in the bench's own process, for figures that need to read what it recorded (the
// statuses it answered, the DELETEs per id) or to share a clock with the limiter.
import { FakeKoreOptions, FakeKoreServer } from '../../test/fakeKore/fakeKoreServer';
import { KoreEndpoint } from './koreClient';

export interface InProcessKore {
  readonly server: FakeKoreServer;
  readonly endpoint: KoreEndpoint;
  /** The ids of the lists added for this run, in order. */
  readonly ids: readonly string[];
}

/** Starts a server holding only `lists` fresh lists, runs `body`, and always closes the server. */
export async function withInProcessKore<T>(options: FakeKoreOptions, lists: number, body: (kore: InProcessKore) => Promise<T>): Promise<T> {
  const server = await FakeKoreServer.start({ contactLists: [], ...options });
  try {
    const ids = Array.from({ length: lists }, (_, i) => server.addList({ name: `Bench list ${i + 1}` })._id);
    const app = server.app;
    const endpoint: KoreEndpoint = { url: server.url, iid: app.iid, accountId: app.accountId, token: app.staticTokens[0] };
    return await body({ server, endpoint, ids });
  } finally {
    await server.close();
  }
}

/** How many DELETEs the server answered 200, per contact list id (the last path segment). */
export function successfulDeletesById(server: FakeKoreServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of server.requests) {
    if (request.method !== 'DELETE' || request.status !== 200) continue;
    const id = decodeURIComponent(request.path.slice(request.path.lastIndexOf('/') + 1));
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export function countStatus(server: FakeKoreServer, status: number): number {
  return server.requests.filter((request) => request.status === status).length;
}

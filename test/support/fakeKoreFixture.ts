// A fake Kore server for a core test file: started once, reset before each test, closed after; with the target
// and a token it accepts. Call useFakeKore() inside the file's describe and read what it returns in the tests.
import { ApiTarget } from '../../src/core/api/koreApiPaths';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';

export interface FakeKoreFixture {
  readonly server: FakeKoreServer;
  readonly target: ApiTarget;
  /** A static token the fake app accepts. */
  readonly token: string;
}

export function useFakeKore(): FakeKoreFixture {
  let server: FakeKoreServer | undefined;
  before(async () => {
    server = await FakeKoreServer.start();
  });
  after(() => server?.close());
  beforeEach(() => server?.reset());
  const started = (): FakeKoreServer => {
    if (!server) throw new Error('The fake Kore server is not started: call useFakeKore() inside a describe.');
    return server;
  };
  return {
    get server() {
      return started();
    },
    get target() {
      const { url, app } = started();
      return { host: url, iid: app.iid, accountId: app.accountId };
    },
    get token() {
      return started().app.staticTokens[0];
    },
  };
}

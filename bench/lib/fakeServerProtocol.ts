// What the fake server child (fakeServer/serveFakeKore) and its parent (lib/fakeServerProcess) agree on.
// Kept apart so the parent does not load the server's code into the process it measures.

/** Prefix of the one line the child prints when it listens: the rest is a FakeServerDescriptor as JSON. */
export const DESCRIPTOR_PREFIX = 'FAKE_KORE ';

/** Passed as the child's only argument, as JSON. */
export interface FakeServerConfig {
  /** How many fresh lists to hold (the seed lists are left out). */
  readonly lists: number;
  readonly rateLimitPerMinute: number;
  readonly latencyMs: number;
}

export interface FakeServerDescriptor {
  readonly url: string;
  readonly iid: string;
  readonly accountId: string;
  readonly token: string;
  readonly ids: readonly string[];
}

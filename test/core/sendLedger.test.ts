// The send ledger shared by windows: two real processes (two windows) send to one account through the real
// limiter store in one folder, and the fake server, counting that account's calls per window, never sees more
// than the budget. And the ledger's lock: one left by a crashed window is broken, one held is waited for.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SendLedgers } from '../../src/core/pacing/sendLedger';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import type { PacedWindowJob } from '../support/pacedWindow';
import { maxInAnyWindow } from '../support/slidingWindows';

const windowScript = path.join(__dirname, '..', 'support', 'pacedWindow.js');
const ACCOUNT = 'https://platform.kore.ai\nacc-1';

/** Runs test/support/pacedWindow as its own process: the statuses it was answered. */
function runWindow(job: PacedWindowJob): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [windowScript, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as number[]) : reject(new Error(`pacedWindow exited with ${code}`))));
  });
}

describe('SendLedgers (the limiters of all windows)', function () {
  this.timeout(30_000);
  let storage: string;

  beforeEach(() => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'kcl-ledger-'));
  });
  afterEach(() => fs.rmSync(storage, { recursive: true, force: true }));

  it('keeps two windows on one account within its budget together: never more than L in any window, no 429', async () => {
    // A short window (server and limiters alike) so the test takes seconds: the same arithmetic as a minute.
    const windowMs = 1_000;
    const perMinute = 3;
    const server = await FakeKoreServer.start({ rateLimitPerMinute: perMinute, rateWindowMs: windowMs });
    try {
      const job = {
        url: server.url,
        iid: server.app.iid,
        accountId: server.app.accountId,
        token: server.app.staticTokens[0],
        storage,
        perMinute,
        windowMs,
        marginMs: 200,
        count: 6,
        startAt: Date.now() + 1_500,
      };
      const [first, second] = await Promise.all([runWindow(job), runWindow(job)]);
      const statuses = [...first, ...second];
      assert.equal(statuses.length, 12);
      assert.deepEqual(
        statuses.filter((status) => status === 429),
        [],
        'no request met a 429',
      );
      const arrivals = server.requests.map((request) => request.at);
      assert.equal(arrivals.length, 12);
      assert.ok(maxInAnyWindow(arrivals, false, windowMs) <= perMinute, `more than ${perMinute} arrivals in one window: ${JSON.stringify(arrivals)}`);
    } finally {
      await server.close();
    }
  });

  it('counts the sends of every handle on the account, and refuses the one over budget with the wait until a slot frees', async () => {
    let now = 1_000_000;
    const ledgers = new SendLedgers(storage, { now: () => now });
    const windowA = ledgers.for(ACCOUNT);
    const windowB = new SendLedgers(storage, { now: () => now }).for(ACCOUNT);
    assert.equal(await windowA.reserve(2, 60_000), 0);
    now += 10_000;
    assert.equal(await windowB.reserve(2, 60_000), 0);
    assert.equal(await windowA.reserve(2, 60_000), 50_000, 'the first send leaves the span 50 s from now');
    assert.equal(await ledgers.for('https://platform.kore.ai\nacc-2').reserve(2, 60_000), 0, 'another account has its own count');
    now += 50_000;
    assert.equal(await windowB.reserve(2, 60_000), 0);
  });

  it('ignores sends recorded far ahead (a clock set back), which would otherwise hold the account for hours', async () => {
    let now = 10_000_000;
    const ledger = new SendLedgers(storage, { now: () => now }).for(ACCOUNT);
    assert.equal(await ledger.reserve(1, 60_000), 0);
    now -= 3_600_000;
    assert.equal(await ledger.reserve(1, 60_000), 0);
  });

  it('breaks a lock a crashed window left, and waits for one that is held', async () => {
    const ledgers = new SendLedgers(storage);
    assert.equal(await ledgers.for(ACCOUNT).reserve(5, 60_000), 0);
    const [file] = fs.readdirSync(storage).filter((name) => name.endsWith('.json'));
    const lock = path.join(storage, `${file}.lock`);
    fs.writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    assert.equal(await ledgers.for(ACCOUNT).reserve(5, 60_000), 0, 'a stale lock is broken');
    fs.writeFileSync(lock, '');
    let done = false;
    const waiting = ledgers.for(ACCOUNT).reserve(5, 60_000).then((wait) => {
      done = true;
      return wait;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(done, false, 'a held lock is waited for');
    fs.rmSync(lock);
    assert.equal(await waiting, 0);
    assert.equal((JSON.parse(fs.readFileSync(path.join(storage, file), 'utf8')) as number[]).length, 3);
  });
});

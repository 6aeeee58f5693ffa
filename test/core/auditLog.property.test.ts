// Properties of the audit trail: two writers interleaved at every file operation lose no entry and tear none,
// and reading a damaged trail returns exactly its whole entries.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { AuditEntry } from '../../src/core/audit/auditEntry';
import { AuditFileHandle, AuditFiles, AuditLog } from '../../src/core/audit/auditLog';
import { propertyParameters } from '../support/propertyRuns';
import { TrailFiles, parseAuditLines, readAuditTrail } from '../support/auditTrail';

/**
 * The trail's file operations done synchronously: the interleaving below runs one operation at a time anyway, and
 * skipping the thread-pool round trip keeps a thousand runs quick. Same system calls, same errors (ENOENT...).
 */
const syncFiles: AuditFiles & TrailFiles = {
  mkdir: later((directory: string, options: { recursive: true }) => fs.mkdirSync(directory, options)),
  stat: later((file: string) => fs.statSync(file)),
  readdir: later((directory: string) => fs.readdirSync(directory)),
  rename: later((from: string, to: string) => fs.renameSync(from, to)),
  rm: later((file: string, options: { force: true }) => fs.rmSync(file, options)),
  readFile: later((file: string, encoding: 'utf8') => fs.readFileSync(file, encoding)),
  open: later((file: string, flags: 'a'): AuditFileHandle => {
    const fd = fs.openSync(file, flags);
    return {
      write: later((data: Uint8Array, offset: number, length: number) => ({ bytesWritten: fs.writeSync(fd, data, offset, length) })),
      close: later(() => fs.closeSync(fd)),
    };
  }),
};

/** A synchronous operation as a promise: a throw becomes a rejection, as from fs.promises. */
function later<A extends unknown[], R>(operation: (...args: A) => R): (...args: A) => Promise<R> {
  return (...args: A) => new Promise<R>((resolve) => resolve(operation(...args)));
}

/**
 * Runs writers whose file operations each wait for their turn; `choices` picks which waiting operation runs next,
 * and it runs alone to completion. The interleaving is therefore exactly the one fast-check generated, and a failure
 * replays from its seed (two windows interleave the same way, at system-call granularity).
 */
class Interleaving {
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private wake: (() => void) | undefined;

  readonly files: AuditFiles = {
    mkdir: this.gated((...args: Parameters<AuditFiles['mkdir']>) => syncFiles.mkdir(...args)),
    stat: this.gated((...args: Parameters<AuditFiles['stat']>) => syncFiles.stat(...args)),
    readdir: this.gated((...args: Parameters<AuditFiles['readdir']>) => syncFiles.readdir(...args)),
    rename: this.gated((...args: Parameters<AuditFiles['rename']>) => syncFiles.rename(...args)),
    rm: this.gated((...args: Parameters<AuditFiles['rm']>) => syncFiles.rm(...args)),
    open: this.gated(async (...args: Parameters<AuditFiles['open']>): Promise<AuditFileHandle> => {
      const handle = await syncFiles.open(...args);
      return {
        write: this.gated((...writeArgs: Parameters<AuditFileHandle['write']>) => handle.write(...writeArgs)),
        close: this.gated(() => handle.close()),
      };
    }),
  };

  async run(writers: ReadonlyArray<() => Promise<void>>, choices: readonly number[]): Promise<void> {
    const failures: unknown[] = [];
    this.running = writers.length;
    const done = writers.map((writer) =>
      writer()
        .catch((error: unknown) => void failures.push(error))
        .finally(() => {
          this.running -= 1;
          this.changed();
        }),
    );
    for (let step = 0; ; step++) {
      // Until every writer still running waits for its turn: then nothing is in flight.
      while (this.waiting.length < this.running) await new Promise<void>((resolve) => (this.wake = resolve));
      if (this.waiting.length === 0) break;
      const [next] = this.waiting.splice(choices[step % choices.length] % this.waiting.length, 1);
      next();
    }
    await Promise.all(done);
    if (failures.length > 0) throw failures[0];
  }

  private gated<A extends unknown[], R>(operation: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        this.changed();
      });
      return operation(...args);
    };
  }

  private changed(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

function entry(id: string, message: string): AuditEntry {
  return {
    time: '2026-01-01T00:00:00.000Z',
    environment: { name: 'Prod', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' },
    contactListId: id,
    outcome: 'deleted',
    durationMs: 1,
    message,
  };
}

/** A JSON line as JSON.parse gives it back (-0 becomes 0, and so on). */
function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('AuditLog properties', () => {
  // A fuzz run (FUZZ_RUNS=100000) takes minutes; the default thousand runs a second or two.
  const timeout = Math.max(30_000, propertyParameters().numRuns * 20);
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-property-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('any interleaving of appends and rotations from two writers keeps every audit entry whole and loses none', async () => {
    let run = 0;
    // Messages are small, with some larger than the cap (an entry alone over maxBytes); the cap is a few entries.
    const message = fc.oneof({ weight: 4, arbitrary: fc.nat(60) }, { weight: 1, arbitrary: fc.integer({ min: 300, max: 1_500 }) });
    const appendArb = fc.record({ writer: fc.constantFrom(0, 1), size: message, letter: fc.constantFrom('a', 'é', '😀') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(appendArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
        fc.integer({ min: 150, max: 700 }),
        async (appends, choices, maxBytes) => {
          const dir = path.join(root, String(run++), 'audit'); // missing at first: the writers create it
          try {
            const interleaving = new Interleaving();
            const logs = [0, 1].map(() => new AuditLog(dir, maxBytes, { maxRotatedBytes: Infinity, files: interleaving.files }));
            const written = appends.map(({ size, letter }, i) => entry(`e-${i}`, letter.repeat(size)));
            await interleaving.run(
              [0, 1].map((writer) => () => Promise.all(written.filter((_, i) => appends[i].writer === writer).map((e) => logs[writer].append(e))).then(() => undefined)),
              choices,
            );
            const { entries, damagedLines } = await readAuditTrail(dir, syncFiles);
            assert.equal(damagedLines, 0, 'no entry is torn or mixed');
            const byId = new Map(entries.map((e) => [e.contactListId, e]));
            assert.equal(byId.size, entries.length, 'no entry is doubled');
            assert.equal(entries.length, written.length, 'no entry is lost');
            for (const e of written) assert.deepEqual(byId.get(e.contactListId), e, 'each entry is whole');
          } finally {
            // Cheaper than a recursive rm, which matters at a thousand runs: the trail is flat.
            if (fs.existsSync(dir)) for (const name of fs.readdirSync(dir)) fs.unlinkSync(path.join(dir, name));
            fs.rmSync(path.dirname(dir), { recursive: true, force: true });
          }
        },
      ),
      propertyParameters(),
    );
  }).timeout(timeout);

  it('parseAuditLines on a damaged trail never throws and returns exactly the whole valid entries', () => {
    const text = fc.string({ unit: 'binary', maxLength: 20 });
    const validEntry: fc.Arbitrary<AuditEntry> = fc.record(
      {
        time: text,
        environment: fc.record({ name: text, host: text, iid: text, accountId: text }),
        contactListId: text,
        contactListName: text,
        outcome: fc.constantFrom('deleted' as const, 'failed' as const, 'unknown' as const),
        failure: text,
        httpStatus: fc.integer({ min: 100, max: 599 }),
        durationMs: fc.double({ noNaN: true, noDefaultInfinity: true }),
        message: text,
        response: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ['time', 'environment', 'contactListId', 'outcome', 'durationMs', 'message'] },
    );
    // JSON, but not an entry: a required field missing or of the wrong type, or not an object at all.
    const notAnEntry = fc.oneof(
      fc.tuple(validEntry, fc.constantFrom('time', 'environment', 'contactListId', 'outcome', 'durationMs', 'message')).map(([e, field]) => {
        const copy: Record<string, unknown> = { ...e };
        delete copy[field];
        return copy;
      }),
      fc
        .tuple(
          validEntry,
          fc.constantFrom<[string, unknown]>(['outcome', 'maybe'], ['durationMs', '1'], ['environment', null], ['environment', { host: 'h' }], ['contactListName', 5], ['httpStatus', '200'], ['message', null], ['time', 0]),
        )
        .map(([e, [field, value]]) => ({ ...e, [field]: value })),
      fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 })),
    );
    type Line = { bytes: Buffer; valid?: AuditEntry; damaged: boolean };
    const utf8 = (s: string) => Buffer.from(s, 'utf8');
    const line: fc.Arbitrary<Line> = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(validEntry, fc.boolean(), fc.boolean()).map(([e, bom, crlf]) => ({ bytes: utf8(`${bom ? '\uFEFF' : ''}${JSON.stringify(e)}${crlf ? '\r' : ''}`), valid: roundTrip(e), damaged: false })) },
      {
        weight: 2,
        arbitrary: fc.tuple(validEntry, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })).map(([e, cut]) => {
          const json = JSON.stringify(e);
          return { bytes: utf8(json.slice(0, 1 + Math.floor(cut * (json.length - 1)))), damaged: true }; // a strict prefix
        }),
      },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 40 }).map((b) => ({ bytes: Buffer.concat([Buffer.from([0xff]), Buffer.from(b.filter((x) => x !== 0x0a))]), damaged: true })) },
      { weight: 2, arbitrary: notAnEntry.map((v) => ({ bytes: utf8(JSON.stringify(v)), damaged: true })) },
      { weight: 1, arbitrary: fc.constantFrom('', ' ', '\r', '\t \r').map((s) => ({ bytes: utf8(s), damaged: false })) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.integer({ min: 50_000, max: 150_000 }), fc.boolean()).map(([size, whole]) => {
          const e = entry('huge', 'x'.repeat(size));
          const json = JSON.stringify(e);
          return whole ? { bytes: utf8(json), valid: e, damaged: false } : { bytes: utf8(json.slice(0, -1)), damaged: true };
        }),
      },
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (lines, trailingNewline) => {
        const parts = lines.flatMap((l, i) => (i === 0 ? [l.bytes] : [Buffer.from('\n'), l.bytes]));
        if (trailingNewline) parts.push(Buffer.from('\n'));
        const result = parseAuditLines(Buffer.concat(parts).toString('utf8'));
        assert.deepEqual(result.entries, lines.flatMap((l) => (l.valid ? [l.valid] : [])));
        assert.equal(result.damagedLines, lines.filter((l) => l.damaged).length);
      }),
      propertyParameters(),
    );
  }).timeout(timeout);
});

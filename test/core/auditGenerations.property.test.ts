// The audit trail's generation names, whatever names the directory already holds (planted by a hostile workspace
// or left by an earlier version): every file the writer rotates to is read by History and export, pruned once it is
// old enough, and removed by Clear History. A planted `audit.999999999999999.jsonl` once made every later rotation
// name a 16-digit sequence the file pattern rejected.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { AuditEntry } from '../../src/core/audit/auditEntry';
import { AUDIT_FILE, AuditFiles, AuditLog } from '../../src/core/audit/auditLog';
import { AuditReader } from '../../src/core/audit/auditReader';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';
import { readAuditTrail } from '../support/auditTrail';

function entry(id: string): AuditEntry {
  return {
    time: '2026-12-07T12:00:00.000Z',
    environment: { name: 'Prod', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' },
    contactListId: id,
    outcome: 'deleted',
    durationMs: 1,
    message: `Contact list ${id} deleted successfully`,
  };
}

/** A synchronous operation as a promise: a throw becomes a rejection, as from fs.promises. */
function later<A extends unknown[], R>(operation: (...args: A) => R): (...args: A) => Promise<R> {
  return (...args: A) => new Promise<R>((resolve) => resolve(operation(...args)));
}

/**
 * The trail's file operations, remembering the name of every generation the writer rotates to (oldest first).
 * Synchronous system calls (the same calls, the same errors), so that a thousand runs stay quick.
 */
function recordingFiles(created: string[]): AuditFiles {
  return {
    mkdir: later((directory: string, options: { recursive: true }) => fs.mkdirSync(directory, options)),
    stat: later((file: string) => fs.statSync(file)),
    readdir: later((directory: string) => fs.readdirSync(directory)),
    rename: later((from: string, to: string) => {
      fs.renameSync(from, to);
      created.push(path.basename(to));
    }),
    rm: later((file: string, options: { force: true }) => fs.rmSync(file, options)),
    open: later((file: string, flags: 'a') => {
      const fd = fs.openSync(file, flags);
      return {
        write: later((data: Uint8Array, offset: number, length: number) => ({ bytesWritten: fs.writeSync(fd, data, offset, length) })),
        close: later(() => fs.closeSync(fd)),
      };
    }),
  };
}

/** Writes `count` entries, each rotating the one before (maxBytes 1), and returns the generations the writer made. */
async function writeRotating(dir: string, count: number, maxRotatedBytes: number): Promise<{ log: AuditLog; created: string[]; ids: string[] }> {
  const created: string[] = [];
  const log = new AuditLog(dir, 1, { maxRotatedBytes, files: recordingFiles(created) });
  const ids = Array.from({ length: count }, (_, index) => `cl-written-${index}`);
  for (const id of ids) await log.append(entry(id));
  return { log, created, ids };
}

function plant(dir: string, names: readonly string[]): void {
  fs.mkdirSync(dir, { recursive: true });
  names.forEach((name, index) => fs.writeFileSync(path.join(dir, name), `${JSON.stringify(entry(`cl-planted-${index}`))}\n`));
}

async function readerIds(dir: string): Promise<string[]> {
  return (await new AuditReader(dir).newest({ limit: Number.POSITIVE_INFINITY })).entries.map((e) => e.contactListId);
}

describe('audit generations', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-generations-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('after a planted audit.999999999999999.jsonl, History reads every later generation, pruning removes them and Clear History leaves none', async () => {
    plant(dir, ['audit.999999999999999.jsonl']);
    const { log, created, ids } = await writeRotating(dir, 6, Number.POSITIVE_INFINITY);
    const newestFirst = [...ids].reverse();
    assert.deepEqual((await readAuditTrail(log.directory)).entries.map((e) => e.contactListId), [...newestFirst, 'cl-planted-0']);
    assert.deepEqual(await readerIds(dir), [...newestFirst, 'cl-planted-0'], 'History and export read the same');
    await log.clear();
    assert.deepEqual(created.filter((name) => fs.existsSync(path.join(dir, name))), [], 'Clear History removed every generation');

    plant(dir, ['audit.999999999999999.jsonl']);
    const pruned = await writeRotating(dir, 6, 0);
    assert.deepEqual(fs.readdirSync(dir).sort(), [AUDIT_FILE, pruned.created.at(-1)].sort(), 'pruning removed all but the newest generation');
  });

  it('saturates at the widest sequence it reads: every generation is still read in order, and cleared', async () => {
    plant(dir, [`audit.${'9'.repeat(30)}.jsonl`]);
    const { log, ids } = await writeRotating(dir, 4, Number.POSITIVE_INFINITY);
    const read = (await readAuditTrail(log.directory)).entries.map((e) => e.contactListId);
    assert.deepEqual(read, [...ids].reverse().concat('cl-planted-0'), 'newest first, although rotated within a few milliseconds');
    await log.clear();
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('any planted names and rotations: every generation the writer makes is read, pruned and cleared', async function () {
    this.timeout(propertyTimeoutMs());
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    // Just below a power of ten: the next sequence is one digit wider (where a width limit bites).
    const belowPowerOfTen = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 3 })).map(([width, less]) => String(10n ** BigInt(width) - 1n - BigInt(less)));
    const plantedName = fc.oneof(
      digits(1, 40).map((sequence) => `audit.${sequence}.jsonl`),
      belowPowerOfTen.map((sequence) => `audit.${sequence}.jsonl`),
      fc.tuple(digits(1, 40), fc.stringMatching(/^[0-9a-f]{1,32}$/)).map(([sequence, suffix]) => `audit.${sequence}.${suffix}.jsonl`),
      fc.constantFrom('audit.9007199254740993.jsonl', `audit.${'9'.repeat(29)}8.jsonl`, 'audit.x.jsonl', 'audit.-1.jsonl', 'audit.1.ABC.jsonl', 'audit.jsonl.bak'),
    );
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(plantedName, { maxLength: 4 }), fc.integer({ min: 1, max: 5 }), async (planted, count) => {
        const kept = fs.mkdtempSync(path.join(dir, 'kept-'));
        plant(kept, planted);
        const { log, created, ids } = await writeRotating(kept, count, Number.POSITIVE_INFINITY);
        for (const read of [(await readAuditTrail(log.directory)).entries.map((e) => e.contactListId), await readerIds(kept)]) {
          for (const id of ids) assert.equal(read.filter((other) => other === id).length, 1, `${id} is read once`);
          assert.deepEqual(read.filter((id) => id.startsWith('cl-written-')), [...ids].reverse(), 'newest first');
        }
        await log.clear();
        assert.deepEqual(created.filter((name) => fs.existsSync(path.join(kept, name))), [], 'cleared');
        assert.equal(fs.existsSync(path.join(kept, AUDIT_FILE)), false);

        const bounded = fs.mkdtempSync(path.join(dir, 'pruned-'));
        plant(bounded, planted);
        const pruned = await writeRotating(bounded, count + 2, 0);
        const left = pruned.created.filter((name) => fs.existsSync(path.join(bounded, name)));
        assert.deepEqual(left, pruned.created.slice(-1), 'pruned, all but the newest');
        for (const used of [kept, bounded]) fs.rmSync(used, { recursive: true, force: true });
      }),
      // Each case makes and removes two directories of files: a tenth of the runs keeps `npm run fuzz` near a minute.
      { ...propertyParameters(), numRuns: Math.ceil(propertyParameters().numRuns / 10) },
    );
  });
});

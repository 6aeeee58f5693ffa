import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { AuditEntry, auditEntryFor } from '../../src/core/audit/auditEntry';
import { AUDIT_FILE, AuditLog, KEPT_ROTATED_MULTIPLE } from '../../src/core/audit/auditLog';
import { Environment } from '../../src/core/environments/environment';
import { writerMessage } from '../support/appendAuditEntries';
import { responseResult } from '../support/koreResults';
import { parseAuditLines, readAuditTrail } from '../support/auditTrail';

function entry(id: string, outcome: AuditEntry['outcome'] = 'deleted'): AuditEntry {
  return {
    time: new Date().toISOString(),
    environment: { name: 'Prod', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' },
    contactListId: id,
    outcome,
    durationMs: 12,
    message: `Contact list ${id} deleted successfully`,
    response: { status: 'success', data: { _id: id, description: 'x'.repeat(200) } },
  };
}

const environment: Environment = { id: 'env-1', name: 'Prod', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' };

/** A successful DELETE whose answer is the given body, through the real interpretation. */
function deletedWith(bodyText: string) {
  const request = { method: 'DELETE', url: 'https://platform.kore.ai/api/public/contactlist/cl-1', headers: {} };
  return responseResult(200, bodyText, { statusText: 'OK', durationMs: 3, request });
}

/** `{"status":"success","data":{"d":{"d":...}}}`, `depth` objects deep. */
function deepAnswer(depth: number): string {
  return `{"status":"success","data":${'{"d":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}}`;
}

function auditFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.startsWith('audit.')) : [];
}

const supportScript = path.join(__dirname, '..', 'support', 'appendAuditEntries.js');

/** Runs test/support/appendAuditEntries as its own process. */
function writerProcess(dir: string, prefix: string, count: number, messageBytes: number, maxBytes: number, maxRotatedBytes: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [supportScript, dir, prefix, String(count), String(messageBytes), String(maxBytes), String(maxRotatedBytes)], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${prefix} exited with ${code}`))));
  });
}

/** Every entry of both writers exactly once, each whole, each writer's in its order. */
async function assertAllWhole(dir: string, writers: readonly string[], count: number, messageBytes: number): Promise<void> {
  const { entries, damagedLines } = await readAuditTrail(dir);
  assert.equal(damagedLines, 0, 'no line was torn or mixed');
  assert.equal(entries.length, writers.length * count, 'no entry was lost or doubled');
  for (const prefix of writers) {
    const own = entries.filter((e) => e.contactListId.startsWith(`${prefix}-`));
    assert.equal(own.length, count, `every entry of writer ${prefix} is there`);
    assert.equal(new Set(own.map((e) => e.contactListId)).size, count, `no entry of writer ${prefix} is doubled`);
    const message = writerMessage(prefix, messageBytes);
    assert.ok(
      own.every((e) => e.message === message),
      `every entry of writer ${prefix} is whole`,
    );
  }
}

describe('AuditLog', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-test-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends one JSON line per attempt and reads them newest first', async () => {
    const log = new AuditLog(path.join(dir, 'nested'));
    await log.append(entry('cl-1'));
    await log.append(entry('cl-2', 'failed'));
    const text = fs.readFileSync(log.file, 'utf8');
    assert.equal(text.split('\n').filter(Boolean).length, 2);
    const { entries, damagedLines } = await readAuditTrail(log.directory);
    assert.deepEqual(entries.map((e) => e.contactListId), ['cl-2', 'cl-1']);
    assert.equal(damagedLines, 0);
  });

  it('reads a missing file as an empty history', async () => {
    assert.deepEqual(await readAuditTrail(dir), { entries: [], damagedLines: 0 });
    assert.deepEqual(await readAuditTrail(path.join(dir, 'absent')), { entries: [], damagedLines: 0 });
  });

  it('skips damaged lines and lines that are not entries, counting them', () => {
    const good = JSON.stringify(entry('cl-1'));
    const result = parseAuditLines(`${good}\n{"time":"x","trunc\n[1,2]\n\n{"time":"t","contactListId":"c","outcome":"maybe"}\n${good}\n`);
    assert.equal(result.entries.length, 2);
    assert.equal(result.damagedLines, 3);
  });

  it('reads an entry after a byte-order mark and before a CR (a file saved by an editor)', () => {
    const good = JSON.stringify(entry('cl-1'));
    const result = parseAuditLines(`\uFEFF${good}\r\n${good}\r\n`);
    assert.equal(result.entries.length, 2);
    assert.equal(result.damagedLines, 0);
  });

  it('keeps every generation when rotating, reading them all newest first', async () => {
    const log = new AuditLog(dir, 2_000, { maxRotatedBytes: Infinity });
    for (let i = 0; i < 20; i++) await log.append(entry(`cl-${i}`));
    assert.ok(auditFiles(dir).length > 2, 'more than one generation was rotated');
    assert.ok(fs.statSync(log.file).size < 2_000 + 1_000, 'the live file stays near the cap');
    const { entries, damagedLines } = await readAuditTrail(log.directory);
    assert.equal(damagedLines, 0);
    assert.deepEqual(entries.map((e) => e.contactListId), Array.from({ length: 20 }, (_, i) => `cl-${19 - i}`));
  });

  it('bounds the kept history by dropping the oldest whole generations, never the newest entries', async () => {
    const log = new AuditLog(dir, 2_000);
    for (let i = 0; i < 60; i++) await log.append(entry(`cl-${i}`));
    const rotatedBytes = auditFiles(dir)
      .filter((name) => name !== AUDIT_FILE)
      .reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
    assert.ok(rotatedBytes <= KEPT_ROTATED_MULTIPLE * 2_000, `rotated generations keep at most ${KEPT_ROTATED_MULTIPLE} × maxBytes (${rotatedBytes})`);
    const ids = (await readAuditTrail(log.directory)).entries.map((e) => e.contactListId);
    assert.ok(ids.length >= (KEPT_ROTATED_MULTIPLE * 2_000) / 500 && ids.length < 60, `the bound applies (${ids.length} kept)`);
    assert.deepEqual(ids, Array.from({ length: ids.length }, (_, i) => `cl-${59 - i}`), 'what is kept is the newest contiguous run');
  });

  it('reads the rotated file of an earlier version as the oldest generation, and never replaces it', async () => {
    fs.writeFileSync(path.join(dir, 'audit.1.jsonl'), `${JSON.stringify(entry('old-0'))}\n${JSON.stringify(entry('old-1'))}\n`);
    const log = new AuditLog(dir, 1_000, { maxRotatedBytes: Infinity });
    for (let i = 0; i < 6; i++) await log.append(entry(`cl-${i}`));
    const ids = (await readAuditTrail(log.directory)).entries.map((e) => e.contactListId);
    assert.deepEqual(ids, ['cl-5', 'cl-4', 'cl-3', 'cl-2', 'cl-1', 'cl-0', 'old-1', 'old-0']);
  });

  it('keeps every entry whole when two processes append entries of several MB at once', async function () {
    this.timeout(60_000);
    const messageBytes = 3 * 1024 * 1024; // far over the 512 KiB that fs.appendFile writes at a time
    await Promise.all([writerProcess(dir, 'a', 6, messageBytes, 1e12, Infinity), writerProcess(dir, 'b', 6, messageBytes, 1e12, Infinity)]);
    await assertAllWhole(dir, ['a', 'b'], 6, messageBytes);
  });

  it('loses no entry when two processes rotate at once', async function () {
    this.timeout(60_000);
    // A cap of a few entries: both processes rotate every few appends, often at the same moment.
    await Promise.all([writerProcess(dir, 'a', 300, 300, 2_000, Infinity), writerProcess(dir, 'b', 300, 300, 2_000, Infinity)]);
    await assertAllWhole(dir, ['a', 'b'], 300, 300);
    assert.ok(auditFiles(dir).length > 100, 'the test rotated many times');
  });

  it('loses no entry when two processes rotate entries of several MB at once', async function () {
    this.timeout(60_000);
    const messageBytes = 2 * 1024 * 1024;
    await Promise.all([writerProcess(dir, 'a', 5, messageBytes, 3 * messageBytes, Infinity), writerProcess(dir, 'b', 5, messageBytes, 3 * messageBytes, Infinity)]);
    await assertAllWhole(dir, ['a', 'b'], 5, messageBytes);
  });

  it('interleaves whole lines when two writers append at once', async () => {
    const a = new AuditLog(dir);
    const b = new AuditLog(dir);
    await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).append(entry(`cl-${i}`))));
    const { entries, damagedLines } = await readAuditTrail(a.directory);
    assert.equal(damagedLines, 0);
    assert.equal(entries.length, 200);
    assert.equal(new Set(entries.map((e) => e.contactListId)).size, 200);
  });

  it('clears every generation', async () => {
    fs.writeFileSync(path.join(dir, 'audit.1.jsonl'), `${JSON.stringify(entry('old'))}\n`);
    fs.writeFileSync(path.join(dir, 'unrelated.txt'), 'kept');
    const log = new AuditLog(dir, 500, { maxRotatedBytes: Infinity });
    for (let i = 0; i < 5; i++) await log.append(entry(`cl-${i}`));
    assert.ok(auditFiles(dir).length > 3);
    await log.clear();
    assert.deepEqual((await readAuditTrail(log.directory)).entries, []);
    assert.deepEqual(auditFiles(dir), []);
    assert.ok(fs.existsSync(path.join(dir, 'unrelated.txt')), 'only the trail is removed');
  });

  describe('answers that cannot be re-formatted', () => {
    it('records a successful delete whose answer is nested 4,000 deep, with the raw text as the response', async () => {
      const body = deepAnswer(4_000);
      const result = deletedWith(body);
      assert.equal(result.ok, true, 'the delete succeeded');
      const log = new AuditLog(dir);
      await log.append(auditEntryFor(environment, result, { contactListId: 'cl-1', outcome: 'deleted', message: 'Deleted' }));
      const { entries, damagedLines } = await readAuditTrail(log.directory);
      assert.equal(damagedLines, 0);
      assert.equal(entries.length, 1, 'the deleted record is in the trail');
      assert.equal(entries[0].outcome, 'deleted');
      assert.equal(entries[0].response, body, 'the answer is kept as its raw text');
      assert.doesNotThrow(() => JSON.stringify(entries, null, 2), 'the history export can re-format it');
    });

    it('records an answer deep enough to overflow JSON.stringify on any stack', async () => {
      const body = deepAnswer(100_000);
      const log = new AuditLog(dir);
      await log.append(auditEntryFor(environment, deletedWith(body), { contactListId: 'cl-1', outcome: 'deleted', message: 'Deleted' }));
      const { entries } = await readAuditTrail(log.directory);
      assert.equal(entries.length, 1);
      assert.equal(entries[0].response, body);
    });

    it('keeps shallow answers parsed', async () => {
      const log = new AuditLog(dir);
      await log.append(auditEntryFor(environment, deletedWith('{"status":"success","data":{"_id":"cl-1","name":"N"}}'), { contactListId: 'cl-1', outcome: 'deleted', message: 'Deleted' }));
      assert.deepEqual((await readAuditTrail(log.directory)).entries[0].response, { status: 'success', data: { _id: 'cl-1', name: 'N' } });
    });

    it('names the list from the answer only when the record is its own, never another list\'s', () => {
      const own = deletedWith('{"status":"success","data":{"_id":"cl-1","name":"Renewal"}}');
      const other = deletedWith('{"status":"success","data":{"_id":"cl-2","name":"Someone else"}}');
      assert.equal(own.contactList?.name, 'Renewal');
      assert.equal(other.contactList?.name, 'Someone else', 'the answer did hold a record');
      assert.equal(auditEntryFor(environment, own, { contactListId: 'cl-1', outcome: 'deleted', message: 'Deleted' }).contactListName, 'Renewal');
      assert.equal(auditEntryFor(environment, other, { contactListId: 'cl-1', outcome: 'deleted', message: 'Deleted' }).contactListName, undefined);
    });

    it('falls back to the raw text when the parsed value is not JSON-writable (a BigInt)', async () => {
      const result = { ...deletedWith('{"n":12345678901234567890}'), json: { n: 12345678901234567890n } };
      const log = new AuditLog(dir);
      await log.append(auditEntryFor(environment, result, { contactListId: 'cl-1', outcome: 'deleted', message: 'Deleted' }));
      assert.equal((await readAuditTrail(log.directory)).entries[0].response, '{"n":12345678901234567890}');
    });

    it('writes an entry whole whatever its response holds', async () => {
      const cycle: Record<string, unknown> = {};
      cycle.self = cycle;
      const throwing = { toJSON: () => { throw new Error('no'); } };
      const log = new AuditLog(dir);
      for (const [id, response] of [['big', 1n], ['cycle', cycle], ['throwing', throwing]] as const) {
        await log.append({ ...entry(id), response });
      }
      const { entries, damagedLines } = await readAuditTrail(log.directory);
      assert.equal(damagedLines, 0);
      assert.deepEqual(entries.map((e) => e.contactListId), ['throwing', 'cycle', 'big']);
      for (const e of entries) {
        assert.equal(e.message, `Contact list ${e.contactListId} deleted successfully`, 'the known fields are kept');
        assert.match(String(e.response), /^The answer could not be recorded as JSON \(/);
      }
    });
  });
});

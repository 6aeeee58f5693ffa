import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { AuditEntry, AuditLog, parseAuditLines, ROTATED_AUDIT_FILE } from '../../src/core/auditLog';

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
    const { entries, damagedLines } = await log.read();
    assert.deepEqual(entries.map((e) => e.contactListId), ['cl-2', 'cl-1']);
    assert.equal(damagedLines, 0);
  });

  it('reads a missing file as an empty history', async () => {
    assert.deepEqual(await new AuditLog(dir).read(), { entries: [], damagedLines: 0 });
  });

  it('skips damaged lines and lines that are not entries, counting them', () => {
    const good = JSON.stringify(entry('cl-1'));
    const result = parseAuditLines(`${good}\n{"time":"x","trunc\n[1,2]\n\n{"time":"t","contactListId":"c","outcome":"maybe"}\n${good}\n`);
    assert.equal(result.entries.length, 2);
    assert.equal(result.damagedLines, 3);
  });

  it('rotates past the size cap without losing the newest entries', async () => {
    const log = new AuditLog(dir, 2_000);
    for (let i = 0; i < 20; i++) await log.append(entry(`cl-${i}`));
    assert.ok(fs.existsSync(path.join(dir, ROTATED_AUDIT_FILE)), 'a previous generation exists');
    assert.ok(fs.statSync(log.file).size < 2_000 + 1_000, 'the live file stays near the cap');
    const { entries } = await log.read();
    assert.equal(entries[0].contactListId, 'cl-19', 'the newest entry is kept');
    const ids = entries.map((e) => e.contactListId);
    const newestRun = ids.slice(0, ids.indexOf('cl-19') + entries.length).filter((id, index) => id === `cl-${19 - index}`);
    assert.equal(newestRun.length, entries.length, 'what is kept is the newest contiguous run');
  });

  it('interleaves whole lines when two processes append at once', async () => {
    const script = path.join(__dirname, '..', 'support', 'appendAuditEntries.js');
    const writer = (prefix: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [script, dir, prefix, '300'], { stdio: 'inherit' });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${prefix} exited with ${code}`))));
      });
    await Promise.all([writer('a'), writer('b')]);
    const { entries, damagedLines } = await new AuditLog(dir).read();
    assert.equal(damagedLines, 0, 'no line was torn');
    assert.equal(entries.length, 600);
    const ids = new Set(entries.map((e) => e.contactListId));
    assert.equal(ids.size, 600);
  });

  it('interleaves whole lines when two writers append at once', async () => {
    const a = new AuditLog(dir);
    const b = new AuditLog(dir);
    await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).append(entry(`cl-${i}`))));
    const { entries, damagedLines } = await a.read();
    assert.equal(damagedLines, 0);
    assert.equal(entries.length, 200);
    assert.equal(new Set(entries.map((e) => e.contactListId)).size, 200);
  });

  it('clears both generations', async () => {
    const log = new AuditLog(dir, 500);
    for (let i = 0; i < 5; i++) await log.append(entry(`cl-${i}`));
    await log.clear();
    assert.deepEqual((await log.read()).entries, []);
  });
});

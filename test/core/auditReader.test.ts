import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { AuditEntry, auditLine } from '../../src/core/audit/auditEntry';
import { AuditChangeTracker } from '../../src/core/audit/auditChanges';
import { AUDIT_FILE, AuditFileHandle, AuditFiles, AuditLog } from '../../src/core/audit/auditLog';
import { AuditReadFiles, AuditReadHandle, AuditReader, MAX_AUDIT_LINE_BYTES } from '../../src/core/audit/auditReader';
import { propertyParameters } from '../support/propertyRuns';
import { readAuditTrail } from '../support/auditTrail';

function entry(id: string, message = `Contact list ${id} deleted`, outcome: AuditEntry['outcome'] = 'deleted'): AuditEntry {
  return {
    time: '2026-01-01T00:00:00.000Z',
    environment: { name: 'Prod', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' },
    contactListId: id,
    outcome,
    durationMs: 1,
    message,
  };
}

/** node's fs.promises, counting the bytes read: the reader must not read what it does not need. */
function countingFiles(): AuditReadFiles & { bytesRead: number } {
  const files = {
    bytesRead: 0,
    readdir: (directory: string) => fs.promises.readdir(directory),
    async open(file: string, flags: 'r') {
      const handle = await fs.promises.open(file, flags);
      return {
        stat: () => handle.stat(),
        async read(buffer: Uint8Array, offset: number, length: number, position: number) {
          const result = await handle.read(buffer, offset, length, position);
          files.bytesRead += result.bytesRead;
          return result;
        },
        close: () => handle.close(),
      };
    },
  };
  return files;
}

describe('AuditReader (the trail from its newest end)', () => {
  let root: string;
  let dir: string;
  let run = 0;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-reader-'));
  });
  beforeEach(() => {
    dir = path.join(root, String(run++));
    fs.mkdirSync(dir);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads nothing from a missing folder or an empty trail', async () => {
    assert.deepEqual(await new AuditReader(path.join(dir, 'missing')).newest({ limit: 10 }), { entries: [], damagedLines: 0, more: false });
    assert.deepEqual(await new AuditReader(dir).newest({ limit: 10 }), { entries: [], damagedLines: 0, more: false });
  });

  it('returns the newest entries across generations, newest first, and says when there are more', async () => {
    const log = new AuditLog(dir, 400, { maxRotatedBytes: Infinity });
    for (let i = 0; i < 30; i++) await log.append(entry(`cl-${i}`));
    assert.ok(fs.readdirSync(dir).length > 3, 'the appends rotated into several generations');
    const page = await new AuditReader(dir, { chunkBytes: 7 }).newest({ limit: 12 });
    assert.deepEqual(page.entries.map((e) => e.contactListId), Array.from({ length: 12 }, (_, i) => `cl-${29 - i}`));
    assert.equal(page.more, true);
    const all = await new AuditReader(dir).newest({ limit: 30 });
    assert.equal(all.entries.length, 30);
    assert.equal(all.more, false, 'exactly the limit left: nothing more');
  });

  it('applies the filter while reading, so a page holds `limit` matching entries', async () => {
    const log = new AuditLog(dir);
    for (let i = 0; i < 20; i++) await log.append(entry(`cl-${i}`, 'm', i % 3 === 0 ? 'failed' : 'deleted'));
    const page = await new AuditReader(dir).newest({ limit: 3, matches: (e) => e.outcome === 'failed' });
    assert.deepEqual(page.entries.map((e) => e.contactListId), ['cl-18', 'cl-15', 'cl-12']);
    assert.equal(page.more, true);
  });

  it('reads a long line, multibyte text across chunk boundaries, CRLF, a BOM and a damaged line', async () => {
    const long = entry('cl-long', `é😀${'x'.repeat(2_000)}é`);
    fs.writeFileSync(path.join(dir, AUDIT_FILE), `\uFEFF${auditLine(entry('cl-1', 'ü'))}\r\n{"torn\n\n${auditLine(long)}\n${auditLine(entry('cl-3', '日本'))}`);
    for (const chunkBytes of [1, 2, 3, 5, 64, 65_536]) {
      const page = await new AuditReader(dir, { chunkBytes }).newest({ limit: 10 });
      assert.deepEqual(page.entries.map((e) => e.message), ['日本', long.message, 'ü'], `chunks of ${chunkBytes}`);
      assert.equal(page.damagedLines, 1);
    }
  });

  it('reads only the newest end of a 100,000-entry trail for the first page', async function () {
    this.timeout(60_000);
    // Written directly (appending one by one would take long): ten generations and the live file.
    const line = (i: number) => `${auditLine(entry(`cl-${i}`))}\n`;
    const perFile = 100_000 / 10;
    for (let g = 0; g < 10; g++) {
      const name = g === 9 ? AUDIT_FILE : `audit.${g + 1}.${'ab'.repeat(8)}.jsonl`;
      fs.writeFileSync(path.join(dir, name), Array.from({ length: perFile }, (_, i) => line(g * perFile + i)).join(''));
    }
    const total = fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
    const files = countingFiles();
    const started = Date.now();
    const page = await new AuditReader(dir, { files }).newest({ limit: 500 });
    const elapsed = Date.now() - started;
    assert.equal(page.entries[0].contactListId, 'cl-99999');
    assert.equal(page.entries[499].contactListId, 'cl-99500');
    assert.equal(page.more, true);
    assert.ok(files.bytesRead < total / 50, `read ${files.bytesRead} of ${total} bytes for the newest page`);
    assert.ok(elapsed < 2_000, `the newest page took ${elapsed} ms`);
    // The oldest entry is reached too, when asked for.
    const everything = await new AuditReader(dir).newest({ limit: Number.POSITIVE_INFINITY });
    assert.equal(everything.entries.length, 100_000);
    assert.equal(everything.entries.at(-1)?.contactListId, 'cl-0');
  });

  it('closes the file it was reading when the caller stops early', async () => {
    fs.writeFileSync(path.join(dir, AUDIT_FILE), `${auditLine(entry('cl-1'))}\n${auditLine(entry('cl-2'))}\n`);
    let open = 0;
    const files: AuditReadFiles = {
      readdir: (directory) => fs.promises.readdir(directory),
      async open(file, flags) {
        const handle = await fs.promises.open(file, flags);
        open += 1;
        return { stat: () => handle.stat(), read: (...args) => handle.read(...args), close: () => ((open -= 1), handle.close()) };
      },
    };
    await new AuditReader(dir, { files }).newest({ limit: 1 });
    assert.equal(open, 0);
  });

  it('counts a newline-free damaged stretch longer than any entry as one damaged line, without holding it', async () => {
    // A sparse file: an entry, then zero bytes (no newline) past the longest line an entry can be, as a damaged
    // disk or a copied-over file leaves it. Written without writing the zeros, so the test stays fast.
    const file = path.join(dir, AUDIT_FILE);
    const first = Buffer.from(`${auditLine(entry('cl-before'))}\n`, 'utf8');
    const descriptor = fs.openSync(file, 'w');
    try {
      fs.writeSync(descriptor, first, 0, first.length, 0);
      fs.ftruncateSync(descriptor, first.length + MAX_AUDIT_LINE_BYTES + 1);
    } finally {
      fs.closeSync(descriptor);
    }
    const reader = new AuditReader(dir, { chunkBytes: 1024 * 1024 });
    const lengths: number[] = [];
    for await (const line of reader.lines()) lengths.push(line.length);
    assert.equal(lengths.length, 2);
    assert.ok(lengths[0] < 1000, `the over-long line is not rebuilt in memory (${lengths[0]} characters)`);
    assert.deepEqual(await reader.newest({ limit: 10 }), { entries: [entry('cl-before')], damagedLines: 1, more: false });
    // What activation does: the tracker remembers the newest line, here the damaged one, without holding it.
    const tracker = new AuditChangeTracker(reader, { wrote: () => false });
    await tracker.start();
    assert.equal(await tracker.appendedElsewhere(), false, 'nothing was appended since start');
  });

  it('property: a line up to the bound reads back whole, a longer one is damaged, whatever the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '日', '{'), maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 24 }),
        async (lines, chunkBytes, maxLineBytes) => {
          const files = new MemoryFiles();
          files.contents.set(path.join('/trail', AUDIT_FILE), Buffer.from(lines.join('\n'), 'utf8'));
          const read: string[] = [];
          for await (const line of new AuditReader('/trail', { chunkBytes, maxLineBytes, files }).lines()) read.push(line);
          // Newest first; an empty first line is no line (nothing comes before the first newline).
          const expected = lines.filter((line, index) => line !== '' || index > 0).reverse();
          assert.equal(read.length, expected.length);
          expected.forEach((line, index) => {
            if (Buffer.byteLength(line, 'utf8') <= maxLineBytes) assert.equal(read[index], line);
            else assert.ok(read[index].startsWith('\u0000damaged: a line of '), read[index]);
          });
        },
      ),
      propertyParameters(),
    );
  });

  it('property: any page equals the whole trail read at once, filtered and cut, whatever the chunk size', async function () {
    this.timeout(Math.max(30_000, propertyParameters().numRuns * 30));
    const lineArb = fc.oneof(
      { weight: 6, arbitrary: fc.record({ id: fc.nat(999), text: fc.string({ unit: fc.constantFrom('a', 'é', '😀', '日', ' '), maxLength: 30 }), failed: fc.boolean() }) },
      { weight: 1, arbitrary: fc.constantFrom('{"torn', '', '   ', '[1,2]', '\uFEFF', '\r') },
    );
    const fileArb = fc.record({ lines: fc.array(lineArb, { maxLength: 6 }), crlf: fc.boolean(), endsInNewline: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(fileArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 8 }), fc.boolean(), async (fileSpecs, chunkBytes, limit, onlyFailed) => {
        // In memory: thousands of runs reading a byte at a time would take minutes on a disk.
        const files = new MemoryFiles();
        fileSpecs.forEach((spec, index) => {
          const text = spec.lines
            .map((line) => (typeof line === 'string' ? line : auditLine(entry(`cl-${line.id}`, line.text, line.failed ? 'failed' : 'deleted'))))
            .join(spec.crlf ? '\r\n' : '\n');
          // The last file is the live one; the others are generations, oldest first.
          const name = index === fileSpecs.length - 1 ? AUDIT_FILE : `audit.${index + 1}.${'0f'.repeat(4)}.jsonl`;
          files.contents.set(path.join('/trail', name), Buffer.from(spec.endsInNewline && text ? `${text}\n` : text, 'utf8'));
        });
        const reference = await readAuditTrail('/trail', files);
        const whole = await new AuditReader('/trail', { chunkBytes, files }).newest({ limit: Number.POSITIVE_INFINITY });
        assert.deepEqual(whole, { entries: reference.entries, damagedLines: reference.damagedLines, more: false });
        const matches = (e: AuditEntry) => !onlyFailed || e.outcome === 'failed';
        const page = await new AuditReader('/trail', { chunkBytes, files }).newest({ limit, matches });
        const expected = reference.entries.filter(matches);
        assert.deepEqual(page.entries, expected.slice(0, limit));
        assert.equal(page.more, expected.length > limit);
      }),
      propertyParameters(),
    );
  });
});

/** A flat folder in memory, for both the writer's and the reader's file operations (reading only, here). */
class MemoryFiles implements AuditFiles, AuditReadFiles {
  readonly contents = new Map<string, Buffer>();

  readdir(directory: string): Promise<string[]> {
    return Promise.resolve([...this.contents.keys()].filter((file) => path.dirname(file) === directory).map((file) => path.basename(file)));
  }

  readFile(file: string): Promise<string> {
    const content = this.contents.get(file);
    return content ? Promise.resolve(content.toString('utf8')) : Promise.reject(missing(file));
  }

  stat(file: string): Promise<{ size: number }> {
    const content = this.contents.get(file);
    return content ? Promise.resolve({ size: content.length }) : Promise.reject(missing(file));
  }

  open(file: string, flags: 'r'): Promise<AuditReadHandle>;
  open(file: string, flags: 'a'): Promise<AuditFileHandle>;
  open(file: string, flags: 'r' | 'a'): Promise<AuditReadHandle | AuditFileHandle> {
    const content = this.contents.get(file);
    if (flags === 'a' || !content) return Promise.reject(flags === 'a' ? new Error('read only') : missing(file));
    return Promise.resolve({
      stat: () => Promise.resolve({ size: content.length }),
      read(buffer: Uint8Array, offset: number, length: number, position: number) {
        const bytesRead = content.copy(buffer, offset, position, Math.min(content.length, position + length));
        return Promise.resolve({ bytesRead });
      },
      close: () => Promise.resolve(),
    });
  }

  mkdir(): Promise<unknown> {
    return Promise.reject(new Error('read only'));
  }

  rename(): Promise<void> {
    return Promise.reject(new Error('read only'));
  }

  rm(): Promise<void> {
    return Promise.reject(new Error('read only'));
  }
}

function missing(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
}

describe('AuditChangeTracker (who appended)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-changes-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("tells another window's append from this window's own, and looks only at what is new", async () => {
    const mine = new AuditLog(dir);
    const otherWindow = new AuditLog(dir);
    await otherWindow.append(entry('cl-before'));
    const tracker = new AuditChangeTracker(new AuditReader(dir), mine);
    await tracker.start();
    assert.equal(await tracker.appendedElsewhere(), false, 'what was there at the start is not new');
    for (let i = 0; i < 5; i++) await mine.append(entry(`cl-mine-${i}`));
    assert.equal(await tracker.appendedElsewhere(), false, "this window's own appends");
    await otherWindow.append(entry('cl-other'));
    await mine.append(entry('cl-mine-after'));
    assert.equal(await tracker.appendedElsewhere(), true, 'a line from another window, under one of ours');
    assert.equal(await tracker.appendedElsewhere(), false, 'and only once');
  });

  it('sees appends after the trail was cleared, and across a rotation', async () => {
    const mine = new AuditLog(dir, 300, { maxRotatedBytes: Infinity });
    const otherWindow = new AuditLog(dir, 300, { maxRotatedBytes: Infinity });
    const tracker = new AuditChangeTracker(new AuditReader(dir), mine);
    await tracker.start();
    await otherWindow.append(entry('cl-1'));
    for (let i = 0; i < 6; i++) await mine.append(entry(`cl-mine-${i}`));
    assert.ok(fs.readdirSync(dir).length > 1, 'rotated');
    assert.equal(await tracker.appendedElsewhere(), true, 'the foreign line is in a rotated generation');
    await mine.clear();
    assert.equal(await tracker.appendedElsewhere(), false);
    await otherWindow.append(entry('cl-2'));
    assert.equal(await tracker.appendedElsewhere(), true);
  });
});

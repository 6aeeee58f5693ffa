// The whole audit trail read at once, every generation oldest first, then reversed: the reference reader that
// tests check the trail's writer (core/auditLog.ts) and History's paged reader (core/auditReader.ts) against.
// Not in src: the extension reads the trail only page by page, through AuditReader.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AuditEntry, parseAuditLine } from '../../src/core/audit/auditEntry';
import { AUDIT_FILE, rotatedGenerations } from '../../src/core/audit/auditFileNames';

/** What the reference reader needs of a file system: node's `fs.promises` by default, or a test's own. */
export interface TrailFiles {
  readdir(directory: string): Promise<string[]>;
  readFile(file: string, encoding: 'utf8'): Promise<string>;
}

export interface WholeTrail {
  /** Newest first. */
  readonly entries: AuditEntry[];
  /** How many lines could not be read (damaged, truncated, or not ours). */
  readonly damagedLines: number;
}

/** Never throws: every non-blank line is a whole entry or counted as damaged. */
export function parseAuditLines(text: string): { entries: AuditEntry[]; damagedLines: number } {
  const entries: AuditEntry[] = [];
  let damagedLines = 0;
  for (const line of text.split('\n')) {
    const parsed = parseAuditLine(line);
    if (parsed === 'damaged') damagedLines += 1;
    else if (parsed) entries.push(parsed);
  }
  return { entries, damagedLines };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

async function readIfExists(files: TrailFiles, file: string): Promise<string> {
  try {
    return await files.readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return '';
    throw error;
  }
}

/** Every entry of the trail in `directory`, newest first. A missing folder or file is an empty history. */
export async function readAuditTrail(directory: string, files: TrailFiles = fs): Promise<WholeTrail> {
  let names: string[];
  try {
    names = await files.readdir(directory);
  } catch (error) {
    if (!isMissing(error)) throw error;
    names = [];
  }
  const entries: AuditEntry[] = [];
  let damagedLines = 0;
  for (const name of [...rotatedGenerations(names).map((generation) => generation.name), AUDIT_FILE]) {
    const parsed = parseAuditLines(await readIfExists(files, path.join(directory, name)));
    entries.push(...parsed.entries);
    damagedLines += parsed.damagedLines;
  }
  return { entries: entries.reverse(), damagedLines };
}

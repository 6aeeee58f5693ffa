// A second writer for the audit-trail test: run as its own process, it appends entries to the same file
// as another process at the same time, as two VS Code windows would.
//   node out/test/support/appendAuditEntries.js <directory> <prefix> <count>
import { AuditLog } from '../../src/core/auditLog';

async function main(): Promise<void> {
  const [directory, prefix, count] = process.argv.slice(2);
  const log = new AuditLog(directory);
  for (let i = 0; i < Number(count); i++) {
    await log.append({
      time: new Date().toISOString(),
      environment: { name: `Window ${prefix}`, host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' },
      contactListId: `${prefix}-${i}`,
      outcome: 'deleted',
      durationMs: 1,
      message: 'x'.repeat(2_000), // long lines make a torn write visible
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

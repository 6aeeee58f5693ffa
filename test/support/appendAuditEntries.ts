// A second writer for the audit-trail tests: run as its own process, it appends entries to the same files
// as another process at the same time, as two VS Code windows would.
//   node out/test/support/appendAuditEntries.js <directory> <prefix> <count> [messageBytes] [maxBytes] [maxRotatedBytes]
// Each message is `<prefix>:` followed by messageBytes copies of the prefix's first letter, so a torn or mixed
// entry shows. maxBytes and maxRotatedBytes go to the AuditLog ("Infinity" keeps every generation).
import { AuditLog } from '../../src/core/audit/auditLog';

export function writerMessage(prefix: string, messageBytes: number): string {
  return `${prefix}:${prefix[0].repeat(messageBytes)}`;
}

async function main(): Promise<void> {
  const [directory, prefix, count, messageBytes = '2000', maxBytes, maxRotatedBytes] = process.argv.slice(2);
  const log = new AuditLog(directory, maxBytes ? Number(maxBytes) : undefined, maxRotatedBytes ? { maxRotatedBytes: Number(maxRotatedBytes) } : {});
  const message = writerMessage(prefix, Number(messageBytes));
  for (let i = 0; i < Number(count); i++) {
    await log.append({
      time: new Date().toISOString(),
      environment: { name: `Window ${prefix}`, host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' },
      contactListId: `${prefix}-${i}`,
      outcome: 'deleted',
      durationMs: 1,
      message,
    });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

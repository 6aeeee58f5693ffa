// The runs behind the memory and journal figures: each a fresh process (memory/bulkMemoryRun), so no run
// inherits another's heap, and each must have deleted every id for its figures to mean anything.
import { runChildScript } from './childScript';
import { MemoryRun } from './memoryProtocol';
import { benchScript } from './paths';

export async function memoryRuns(count: number, describe: (run: MemoryRun) => string): Promise<MemoryRun[]> {
  const runs: MemoryRun[] = [];
  for (let index = 1; index <= count; index++) {
    const run = await runChildScript<MemoryRun>(benchScript('memory/bulkMemoryRun'), { nodeFlags: ['--expose-gc'], timeoutMs: 10 * 60_000 });
    runs.push(run);
    console.log(`run ${index}/${count}: ${describe(run)}`);
  }
  const incomplete = runs.filter((run) => run.succeeded !== run.ids);
  if (incomplete.length > 0) throw new Error(`not every id succeeded: ${incomplete.map(describe).join('; ')}`);
  return runs;
}

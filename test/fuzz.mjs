// `npm run fuzz`: every property of the core suite (test/core/*.property.test.ts) with a random seed and
// 100,000 cases each, instead of `npm test`'s fixed seed and 1,000. FUZZ_SEED and FUZZ_RUNS override both, so
// a failure printed here replays with `FUZZ_SEED=<seed> npm run fuzz`.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import process from 'node:process';

const seed = process.env.FUZZ_SEED ?? String(randomInt(0, 2 ** 31 - 1));
const runs = process.env.FUZZ_RUNS ?? '100000';
console.log(`Fuzzing the properties with seed ${seed}, ${runs} cases each.`);
const started = Date.now();
const result = spawnSync(
  process.execPath,
  ['node_modules/mocha/bin/mocha.js', '--reporter', 'spec', '--timeout', '0', 'out/test/core/**/*.property.test.js'],
  { stdio: 'inherit', env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs } },
);
const seconds = Math.round((Date.now() - started) / 1000);
if (result.status === 0) {
  console.log(`No property failed: seed ${seed}, ${runs} cases each, ${seconds} s.`);
} else {
  console.log(`A property failed with seed ${seed} (${runs} cases each, ${seconds} s). Replay it with: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz`);
}
process.exit(result.status ?? 1);

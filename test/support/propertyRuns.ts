// The parameters of every property test. `npm test` runs each property with a fixed seed, so a failure is
// reproducible and a run is quick; `npm run fuzz` sets FUZZ_SEED (random) and FUZZ_RUNS (100,000) and prints
// the seed of any failure, which FUZZ_SEED then replays.
const DEFAULT_PROPERTY_SEED = 20261127;
const DEFAULT_PROPERTY_RUNS = 1000;

export function propertyParameters(): { seed: number; numRuns: number } {
  return {
    seed: integerFromEnvironment('FUZZ_SEED', DEFAULT_PROPERTY_SEED),
    numRuns: integerFromEnvironment('FUZZ_RUNS', DEFAULT_PROPERTY_RUNS),
  };
}

function integerFromEnvironment(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`${name} must be a whole number, not "${value}".`);
  return parsed;
}

/** A suite of properties may take a while under `npm run fuzz`; with the default runs a minute is ample. */
export function propertyTimeoutMs(): number {
  return process.env.FUZZ_RUNS ? 0 : 60_000;
}

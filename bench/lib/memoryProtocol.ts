// What one memory run (memory/bulkMemoryRun, a fresh process) reports to the memory figure.

export interface MemoryRun {
  /** RSS just before the run, after a full garbage collection. */
  readonly baselineRss: number;
  /** The highest RSS sampled during the run. */
  readonly peakRss: number;
  readonly peakHeapUsed: number;
  readonly baselineHeapUsed: number;
  readonly samples: number;
  readonly durationMs: number;
  readonly ids: number;
  readonly succeeded: number;
}

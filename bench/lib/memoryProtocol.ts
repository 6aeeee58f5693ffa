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
  /** Bytes the run's journal received through write(2): its file's size at the end (it is only ever appended to). */
  readonly journalBytes: number;
  /** How many journal lines were flushed (fdatasync) before their DELETE. */
  readonly flushes: number;
  /**
   * What the kernel counted as written to storage by the process during the run (/proc/self/io write_bytes, whole
   * pages: each flush writes the file's last page again); undefined where /proc is not available.
   */
  readonly storageWriteBytes?: number;
}

// Summaries of repeated measurements. Medians throughout: on a shared two-core machine a few samples are
// always hit by someone else's work, and a mean would report the neighbours as much as the code.

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear interpolation between the closest ranks (the "type 7" estimator of R and NumPy). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** Milliseconds with a precision that suits the magnitude: 0.412 ms, 12.3 ms, 1234 ms. */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) < 1 ? 3 : Math.abs(value) < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ms`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function formatInteger(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

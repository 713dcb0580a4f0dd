/** The p-th percentile (0..100) of the values, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function perSecond(count: number, ms: number): number {
  return (count * 1000) / Math.max(ms, 1e-9);
}

export function formatRate(count: number, ms: number): string {
  return `${Math.round(perSecond(count, ms)).toLocaleString('en-US')} msg/s`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** One observation of how many results were committed, and when (performance.now()). */
export interface CountSample {
  at: number;
  count: number;
}

/**
 * Time from publish to commit per message, assuming commits keep publish order (one publisher,
 * one subscriber, batches committed in arrival order): message k is committed at the first
 * sample whose count exceeds k. Resolution is the sampling interval.
 */
export function commitLatencies(
  publishedAt: Float64Array,
  samples: readonly CountSample[],
): number[] {
  const latencies: number[] = [];
  let sample = 0;
  for (let index = 0; index < publishedAt.length; index += 1) {
    while (sample < samples.length && (samples[sample]?.count ?? 0) <= index) sample += 1;
    const committed = samples[sample];
    if (!committed) break;
    latencies.push(committed.at - (publishedAt[index] ?? committed.at));
  }
  return latencies;
}

/**
 * A fixed-size histogram of display lags (ms), so recording is O(1) per token and a percentile is
 * O(buckets) however long the run: 0.5 ms buckets up to 2 s, then one overflow bucket (whose
 * values are still counted in `max`).
 */
export class LagHistogram {
  private static readonly BUCKET_MS = 0.5;
  private static readonly BUCKETS = 4000;
  private readonly counts = new Uint32Array(LagHistogram.BUCKETS + 1);
  count = 0;
  maxMs = 0;

  record(lagMs: number): void {
    const lag = Math.max(0, lagMs);
    const index = Math.min(LagHistogram.BUCKETS, Math.floor(lag / LagHistogram.BUCKET_MS));
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.count += 1;
    if (lag > this.maxMs) this.maxMs = lag;
  }

  /**
   * The p-th percentile (0–100), as the upper edge of the bucket holding it (so it never
   * understates), capped at the largest lag seen; undefined when empty.
   */
  percentile(p: number): number | undefined {
    if (this.count === 0) return undefined;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let index = 0; index < this.counts.length; index++) {
      seen += this.counts[index] ?? 0;
      if (seen >= rank) {
        if (index === LagHistogram.BUCKETS) return this.maxMs;
        return Math.min(this.maxMs, (index + 1) * LagHistogram.BUCKET_MS);
      }
    }
    return this.maxMs;
  }
}

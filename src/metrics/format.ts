/**
 * Display strings for metrics: the only place where numbers are rounded. Every formatter returns
 * {@link MISSING} for `undefined`, NaN or ±Infinity, so a value that is not known is never shown as
 * "0", "NaN" or "Infinity". A real zero (a stalled stream's 0 tok/s) is shown as a number.
 */

/** Shown for a figure that is not known (not sent, or not computable yet). */
export const MISSING = "—";

// Built once: constructing an Intl.NumberFormat is far slower than using one.
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const twoDecimals = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const threeSignificant = new Intl.NumberFormat("en-US", {
  minimumSignificantDigits: 3,
  maximumSignificantDigits: 3,
});

function isKnown(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

/** Rounds to `decimals` places, half away from zero, for a non-negative value. */
function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/**
 * A duration in milliseconds: "12.4 ms" below 100 ms, "850 ms" below 1 s, "4.81 s" below 1 min,
 * then "1 min 05 s". The unit is chosen after rounding, so 999.7 ms is "1.00 s", not "1000 ms".
 */
export function formatMs(ms?: number): string {
  if (!isKnown(ms)) return MISSING;
  const abs = Math.abs(ms);
  const sign = ms <= -0.05 ? "-" : ""; // no "-0.0 ms"
  const tenths = roundTo(abs, 1);
  if (tenths < 100) return `${sign}${oneDecimal.format(tenths)} ms`;
  const wholeMs = Math.round(abs);
  if (wholeMs < 1000) return `${sign}${wholeMs} ms`;
  const seconds = roundTo(abs / 1000, 2);
  if (seconds < 60) return `${sign}${twoDecimals.format(seconds)} s`;
  const totalSeconds = Math.round(abs / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const rest = String(totalSeconds % 60).padStart(2, "0");
  return `${sign}${integer.format(minutes)} min ${rest} s`;
}

/**
 * Tokens per second: 3 significant digits below 100 ("38.9", "5.40", "0.650"), whole numbers with
 * thousands separators from 100 up ("1,998").
 */
export function formatRate(tps?: number): string {
  if (!isKnown(tps)) return MISSING;
  const abs = Math.abs(tps);
  if (Number(abs.toPrecision(3)) < 100) return threeSignificant.format(tps);
  return integer.format(tps);
}

/** A count with thousands separators ("12,345"), rounded to a whole number. */
export function formatCount(n?: number): string {
  if (!isKnown(n)) return MISSING;
  return integer.format(n);
}

/**
 * A size in bytes with decimal units, as `ollama ps` prints them: "4.7 GB", "512.0 MB", "3.2 kB"
 * with one decimal, whole bytes below 1 kB ("512 B"). The unit is chosen after rounding, so
 * 999.96 MB is "1.0 GB", not "1,000.0 MB".
 */
export function formatBytes(n?: number): string {
  if (!isKnown(n)) return MISSING;
  const sign = n < 0 ? "-" : "";
  const abs = Math.abs(n);
  const bytes = Math.round(abs);
  if (bytes < 1000) return `${sign}${bytes} B`;
  const kilobytes = roundTo(abs / 1e3, 1);
  if (kilobytes < 1000) return `${sign}${oneDecimal.format(kilobytes)} kB`;
  const megabytes = roundTo(abs / 1e6, 1);
  if (megabytes < 1000) return `${sign}${oneDecimal.format(megabytes)} MB`;
  return `${sign}${oneDecimal.format(roundTo(abs / 1e9, 1))} GB`;
}

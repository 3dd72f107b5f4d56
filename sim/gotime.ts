/** Go's time formatting (RFC 3339 with nanoseconds) and time.ParseDuration, as Ollama uses them. */

const NS_PER_S = 1_000_000_000n;
/** time.Duration(math.MaxInt64): what Ollama stores for a negative keep_alive ("forever"). */
export const MAX_DURATION_NS = 9_223_372_036_854_775_807n;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** ".123456789" with trailing zeros trimmed, or "" for a whole second (Go's .999999999). */
function fraction(ns: bigint): string {
  const digits = ns.toString().padStart(9, "0").replace(/0+$/, "");
  return digits === "" ? "" : `.${digits}`;
}

function splitNs(epochNs: bigint): { seconds: number; frac: bigint } {
  let seconds = epochNs / NS_PER_S;
  let frac = epochNs % NS_PER_S;
  if (frac < 0n) {
    frac += NS_PER_S;
    seconds -= 1n;
  }
  return { seconds: Number(seconds), frac };
}

function dateTime(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

/** `time.Now().UTC()` marshalled: `2024-07-02T11:45:16.216898458Z`. */
export function formatUtc(epochNs: bigint): string {
  const { seconds, frac } = splitNs(epochNs);
  return `${dateTime(new Date(seconds * 1000))}${fraction(frac)}Z`;
}

/**
 * A local time marshalled by Go: `2025-02-03T13:21:07.370797119-08:00`. Go writes `Z` when the
 * local offset is zero (a host on UTC), exactly as here.
 */
export function formatLocal(epochNs: bigint): string {
  const { seconds, frac } = splitNs(epochNs);
  const offsetMin = -new Date(seconds * 1000).getTimezoneOffset();
  const local = new Date((seconds + offsetMin * 60) * 1000);
  if (offsetMin === 0) return `${dateTime(local)}${fraction(frac)}Z`;
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return `${dateTime(local)}${fraction(frac)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Go's time.quote: double quotes, `"` and `\` escaped, non-ASCII and control bytes as \xNN. */
export function goTimeQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of Buffer.from(char, "utf8"))
        out += `\\x${byte.toString(16).padStart(2, "0")}`;
    } else {
      if (char === '"' || char === "\\") out += "\\";
      out += char;
    }
  }
  return `${out}"`;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  "\u00b5s": 1_000n,
  "\u03bcs": 1_000n,
  ms: 1_000_000n,
  s: NS_PER_S,
  m: 60n * NS_PER_S,
  h: 3600n * NS_PER_S,
};
const LIMIT = 1n << 63n;

export type DurationResult = { ok: true; ns: bigint } | { ok: false; error: string };

const isDigit = (char: string | undefined): boolean =>
  char !== undefined && char >= "0" && char <= "9";

/** A port of Go's time.ParseDuration, error messages included. */
export function parseGoDuration(text: string): DurationResult {
  const invalid: DurationResult = {
    ok: false,
    error: `time: invalid duration ${goTimeQuote(text)}`,
  };
  let rest = text;
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    negative = rest.startsWith("-");
    rest = rest.slice(1);
  }
  if (rest === "0") return { ok: true, ns: 0n };
  if (rest === "") return invalid;
  let total = 0n;
  while (rest !== "") {
    if (!(rest[0] === "." || isDigit(rest[0]))) return invalid;
    let i = 0;
    let whole = 0n;
    while (isDigit(rest[i])) {
      whole = whole * 10n + BigInt(rest.charCodeAt(i) - 48);
      if (whole > LIMIT) return invalid;
      i++;
    }
    const hadWhole = i > 0;
    rest = rest.slice(i);
    let frac = 0n;
    let scale = 1;
    let hadFrac = false;
    if (rest.startsWith(".")) {
      rest = rest.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(rest[j])) {
        if (!overflow) {
          const next = frac * 10n + BigInt(rest.charCodeAt(j) - 48);
          if (next > LIMIT) overflow = true;
          else {
            frac = next;
            scale *= 10;
          }
        }
        j++;
      }
      hadFrac = j > 0;
      rest = rest.slice(j);
    }
    if (!hadWhole && !hadFrac) return invalid;
    let k = 0;
    while (k < rest.length && rest[k] !== "." && !isDigit(rest[k])) k++;
    if (k === 0) return { ok: false, error: `time: missing unit in duration ${goTimeQuote(text)}` };
    const unitName = rest.slice(0, k);
    rest = rest.slice(k);
    const unit = UNITS[unitName];
    if (unit === undefined) {
      return {
        ok: false,
        error: `time: unknown unit ${goTimeQuote(unitName)} in duration ${goTimeQuote(text)}`,
      };
    }
    if (whole > LIMIT / unit) return invalid;
    let value = whole * unit;
    if (frac > 0n) {
      value += BigInt(Math.trunc(Number(frac) * (Number(unit) / scale)));
      if (value > LIMIT) return invalid;
    }
    total += value;
    if (total > LIMIT) return invalid;
  }
  if (negative) return { ok: true, ns: -total };
  if (total > LIMIT - 1n) return invalid;
  return { ok: true, ns: total };
}

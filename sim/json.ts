/**
 * JSON written the way Go's encoding/json writes it: compact, with `<`, `>`, `&`, U+2028 and U+2029
 * escaped inside strings (HTML-safe escaping), and lone surrogates replaced by U+FFFD. Key order is the
 * insertion order of the object, so callers build objects in Go struct field order.
 */

const GO_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** Serialises like Go's json.Marshal. `undefined` properties are dropped, as JSON.stringify does. */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text
    .replace(/[<>&\u2028\u2029]/g, (char) => GO_ESCAPES[char] ?? char)
    .replace(/(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g, "$1\\ufffd");
}

/** A Go `json.NewEncoder(w).Encode(v)` line: the same text plus a newline. */
export function goJsonLine(value: unknown): string {
  return `${goJson(value)}\n`;
}

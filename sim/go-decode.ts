/**
 * Reads the first JSON value from a request body the way Go's json.Decoder does (gin's
 * ShouldBindJSON): whitespace only is io.EOF, a truncated value is "unexpected EOF", a syntax error
 * gets the scanner's exact wording, and anything after the first complete value is ignored.
 */

export type DecodeResult =
  { ok: true; value: unknown } | { ok: false; kind: "eof" | "syntax"; message: string };

class SyntaxFailure extends Error {}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const QUOTE_ESCAPES: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\\": "\\\\",
};

/** Go's quoteChar: `'x'`, with strconv.Quote escaping inside. */
function quoteChar(char: string): string {
  if (char === "'") return "'\\''";
  if (char === '"') return "'\"'";
  const escaped = QUOTE_ESCAPES[char];
  if (escaped !== undefined) return `'${escaped}'`;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, "0")}'`;
  return `'${char}'`;
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  /** The next character, or an "unexpected EOF" failure. */
  private next(): string {
    const char = this.text[this.pos];
    if (char === undefined) throw new SyntaxFailure("unexpected EOF");
    this.pos++;
    return char;
  }

  private fail(char: string, context: string): never {
    throw new SyntaxFailure(`invalid character ${quoteChar(char)} ${context}`);
  }

  skipWhitespace(): void {
    while (WHITESPACE.has(this.peek() ?? "")) this.pos++;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  value(): void {
    this.skipWhitespace();
    const char = this.next();
    if (char === "{") this.object();
    else if (char === "[") this.array();
    else if (char === '"') this.string();
    else if (char === "-" || (char >= "0" && char <= "9")) this.number(char);
    else if (char === "t") this.literal("rue", "true");
    else if (char === "f") this.literal("alse", "false");
    else if (char === "n") this.literal("ull", "null");
    else this.fail(char, "looking for beginning of value");
  }

  private object(): void {
    this.skipWhitespace();
    let char = this.next();
    if (char === "}") return;
    for (;;) {
      if (char !== '"') this.fail(char, "looking for beginning of object key string");
      this.string();
      this.skipWhitespace();
      char = this.next();
      if (char !== ":") this.fail(char, "after object key");
      this.value();
      this.skipWhitespace();
      char = this.next();
      if (char === "}") return;
      if (char !== ",") this.fail(char, "after object key:value pair");
      this.skipWhitespace();
      char = this.next();
    }
  }

  private array(): void {
    this.skipWhitespace();
    if (this.peek() === "]") {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.skipWhitespace();
      const char = this.next();
      if (char === "]") return;
      if (char !== ",") this.fail(char, "after array element");
    }
  }

  private string(): void {
    for (;;) {
      const char = this.next();
      if (char === '"') return;
      if (char === "\\") {
        const escape = this.next();
        if (escape === "u") {
          for (let i = 0; i < 4; i++) {
            const hex = this.next();
            if (!/^[0-9a-fA-F]$/.test(hex)) this.fail(hex, "in \\u hexadecimal character escape");
          }
        } else if (!'"\\/bfnrt'.includes(escape)) {
          this.fail(escape, "in string escape code");
        }
      } else if (char < " ") {
        this.fail(char, "in string literal");
      }
    }
  }

  private digits(): void {
    while (/[0-9]/.test(this.peek() ?? "")) this.pos++;
  }

  private number(first: string): void {
    let char = first;
    if (char === "-") {
      char = this.next();
      if (!(char >= "0" && char <= "9")) this.fail(char, "in numeric literal");
    }
    if (char !== "0") this.digits();
    if (this.peek() === ".") {
      this.pos++;
      const digit = this.next();
      if (!(digit >= "0" && digit <= "9"))
        this.fail(digit, "after decimal point in numeric literal");
      this.digits();
    }
    if (this.peek() === "e" || this.peek() === "E") {
      this.pos++;
      let exp = this.next();
      if (exp === "+" || exp === "-") exp = this.next();
      if (!(exp >= "0" && exp <= "9")) this.fail(exp, "in exponent of numeric literal");
      this.digits();
    }
  }

  private literal(rest: string, word: string): void {
    for (const expected of rest) {
      const char = this.next();
      if (char !== expected) this.fail(char, `in literal ${word} (expecting '${expected}')`);
    }
  }
}

/** Decodes the first JSON value of `text` with Go's error messages. */
export function decodeFirstValue(text: string): DecodeResult {
  const scanner = new Scanner(text);
  scanner.skipWhitespace();
  if (scanner.atEnd()) return { ok: false, kind: "eof", message: "EOF" };
  const start = scanner.pos;
  try {
    scanner.value();
  } catch (error: unknown) {
    if (error instanceof SyntaxFailure)
      return { ok: false, kind: "syntax", message: error.message };
    throw error;
  }
  const value: unknown = JSON.parse(text.slice(start, scanner.pos));
  return { ok: true, value };
}

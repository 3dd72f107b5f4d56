/**
 * The texts of the fault models: a hostile Markdown answer (xss:7b), an answer with one 1 MiB token
 * (bigline:7b), one with invalid UTF-8 (badutf8:7b) and a proxy's HTML page (htmlbody:7b).
 * Hostile hosts are all `evil.example` (reserved, never resolves).
 */
import { tokenText } from "./words.ts";

/** Cuts text into token-sized pieces: a run of newlines, or spaces plus up to 7 other characters. */
function pieces(text: string): string[] {
  const tokens = text.match(/\n+|[ \t]*[^\s]{1,7}|[ \t]+/g) ?? [];
  if (tokens.join("") !== text) throw new Error("pieces() lost characters");
  return tokens;
}

/** Each payload is hostile when the answer is treated as HTML or Markdown; all must show as text. */
export const XSS_PAYLOADS: readonly string[] = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<iframe src="javascript:alert(1)">',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<a href="javascript:alert(1)">a</a>',
  '<object data="javascript:alert(1)">',
  '<embed src="javascript:alert(1)">',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  "<details open ontoggle=alert(1)>",
  "<body onload=alert(1)>",
  "<style>@import 'http://evil.example/x.css'</style>",
  "<link rel=stylesheet href=http://evil.example/x.css>",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  "<input autofocus onfocus=alert(1)>",
  '<base href="javascript:alert(1)//">',
  '<img src="http://evil.example/track.png">',
  '<a href="https://evil.example/" onclick="alert(1)">click</a>',
  "[click](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](data:text/html,<script>alert(1)</script>)",
  "[vb](vbscript:msgbox(1))",
  "[entity](&#106;avascript:alert(1))",
  "&#106;avascript:alert(1)",
  '![img](x" onerror="alert(1))',
  "![tracker](http://evil.example/pixel.png)",
  "<javascript:alert(1)>",
];

/** The normal link the answer also carries: it must stay a real, working link. */
export const XSS_SAFE_LINK = "[Ollama](https://ollama.com)";
export const TABLE_COLUMNS = 60;
export const TABLE_ROWS = 200;
/** One word with no break opportunity. */
export const LONG_WORD = "tokenscope".repeat(500);

const INTRO = `# Untrusted output

This answer comes from a model, so it is hostile: each item below tries to run script, load
something from another host, or break the layout. Shown as **text** or as *Markdown*, none of it
may run, and nothing may be lost.

## Payloads

${XSS_PAYLOADS.map((payload, i) => `${i + 1}. ${payload}`).join("\n")}

## Links that are fine

A safe link: ${XSS_SAFE_LINK}, and \`inline code\` for contrast.

\`\`\`html
<script>alert("in a code block: shown, not run")</script>
\`\`\`

## A wide table

`;

const OUTRO = `

## A long word

${LONG_WORD}

That is all: if you can read this, the page survived.
`;

function tableTokens(): string[] {
  const columns = Array.from({ length: TABLE_COLUMNS }, (_, c) => `col ${c + 1}`);
  const header = `| ${columns.join(" | ")} |\n`;
  const rule = `|${columns.map(() => "---").join("|")}|\n`;
  const rows: string[] = [];
  for (let r = 1; r <= TABLE_ROWS; r++) {
    const cells = Array.from({ length: TABLE_COLUMNS }, (_, c) => `r${r}c${c + 1}`);
    rows.push(`| ${cells.join(" | ")} |\n`);
  }
  // Five rows a token, so the table streams in 42 tokens rather than thousands.
  const grouped: string[] = [];
  for (let i = 0; i < rows.length; i += 5) grouped.push(rows.slice(i, i + 5).join(""));
  return [header, rule, ...grouped];
}

function longWordTokens(): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < LONG_WORD.length; i += 1000) tokens.push(LONG_WORD.slice(i, i + 1000));
  return tokens;
}

/** xss:7b's answer: payloads a few tokens each, a 60 × 200 table, a 5,000-character word. */
export function xssTokens(): string[] {
  const [beforeWord, afterWord] = OUTRO.split(LONG_WORD);
  return [
    ...pieces(INTRO),
    ...tableTokens(),
    ...pieces(beforeWord ?? ""),
    ...longWordTokens(),
    ...pieces(afterWord ?? ""),
  ];
}

/** Length of bigline:7b's big token, in characters (ASCII, so also in bytes). */
export const BIG_TOKEN_LENGTH = 1_048_576;
/** Where in bigline:7b's answer the big token is. */
export const BIG_TOKEN_INDEX = 60;

/** 120 tokens, the 61st of which is 1 MiB of words on one line. */
export function bigLineTokens(): string[] {
  const tokens = tokenText({ seed: 77, count: 120 });
  let big = "";
  const phrase = " the model writes one very long line without any newline in it";
  while (big.length < BIG_TOKEN_LENGTH) big += phrase;
  tokens[BIG_TOKEN_INDEX] = big.slice(0, BIG_TOKEN_LENGTH);
  return tokens;
}

/**
 * Invalid UTF-8, each decoded as exactly one U+FFFD by a WHATWG decoder: a byte never valid (FF),
 * a truncated 3-byte "€" before the closing quote, a truncated 4-byte emoji before a space, a
 * truncated 2-byte "ï" before a letter, and a lone continuation byte.
 */
export const BAD_UTF8_SEQUENCES: readonly (readonly number[])[] = [
  [0xff],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xc3],
  [0x80],
];
const BAD_UTF8_TOKENS: readonly [number, string][] = [
  [10, " caf\uFFFD"],
  [35, " 5\uFFFD"],
  [60, " \uFFFD ok"],
  [85, " na\uFFFDve"],
  [110, " \uFFFDx"],
];

/** 120 tokens; five of them carry the U+FFFD that stands for an invalid sequence on the wire. */
export function badUtf8Tokens(): string[] {
  const tokens = tokenText({ seed: 78, count: 120 });
  for (const [index, token] of BAD_UTF8_TOKENS) tokens[index] = token;
  return tokens;
}

/** What a proxy in front of Ollama might answer, with status 200. */
export const PROXY_PAGE = `<!DOCTYPE html>
<html>
<head><title>Service unavailable</title></head>
<body>
<h1>The upstream server is not available</h1>
<p>The proxy could not reach the model server. Please try again later.</p>
<hr><address>nginx</address>
</body>
</html>
`;

/**
 * Faults that Ollama itself does not produce but that a client meets anyway (a proxy, a broken
 * build, a flaky network): garbage lines, invalid UTF-8, answers from something in front of Ollama.
 */
import type { ServerResponse } from "node:http";
import { sendJson, sendText } from "./http.ts";
import type { Scenario } from "./scenarios.ts";

/** Lines that are not JSON, used in turn: truncated objects, other formats, near-misses. */
export function garbageLine(model: string, index: number): string {
  const lines = [
    `{"model":"${model}","created_at":"2026-`,
    '{"model":',
    'data: {"response":"server-sent events, not NDJSON"}',
    '{"response":"an unterminated string,"done":false}',
    "<html><body>Bad Gateway</body></html>",
    '{"response":"x","done":false}}',
    "{'response':'single quotes','done':false}",
    '{"response":"a trailing comma","done":false,}',
    "undefined",
    "\u0000\u0001\u0002 binary noise",
  ];
  return `${lines[index % lines.length] ?? "?"}\n`;
}

const REPLACEMENT = Buffer.from("\uFFFD", "utf8");

/**
 * Encodes lines as UTF-8, except that each U+FFFD is replaced by the next of `sequences` (raw
 * bytes that are not valid UTF-8). The count carries over from line to line.
 */
export function invalidUtf8Encoder(
  sequences: readonly (readonly number[])[],
): (text: string) => Buffer {
  let next = 0;
  return (text) => {
    const bytes = Buffer.from(text, "utf8");
    const parts: Buffer[] = [];
    let from = 0;
    let at = bytes.indexOf(REPLACEMENT, from);
    while (at !== -1) {
      parts.push(bytes.subarray(from, at));
      const sequence = sequences[next];
      next += 1;
      parts.push(sequence ? Buffer.from(sequence) : REPLACEMENT);
      from = at + REPLACEMENT.length;
      at = bytes.indexOf(REPLACEMENT, from);
    }
    parts.push(bytes.subarray(from));
    return Buffer.concat(parts);
  };
}

/** What was sent in place of a generation, for the run record. */
export interface FrontDoorAnswer {
  status: number;
  error: string;
}

/**
 * Answers a chat/generate request at once when the scenario says something other than a
 * generation answers it (a 503 "server busy", a proxy's HTML page). Undefined otherwise.
 */
export function answerAtTheDoor(
  scenario: Scenario,
  res: ServerResponse,
): FrontDoorAnswer | undefined {
  if (scenario.rejectWith) {
    sendJson(res, scenario.rejectWith.status, { error: scenario.rejectWith.error });
    return scenario.rejectWith;
  }
  if (scenario.htmlPage !== undefined) {
    sendText(res, 200, scenario.htmlPage, "text/html");
    return { status: 200, error: "answered with an HTML page, not Ollama's JSON" };
  }
  return undefined;
}

/** Response helpers that write what gin and Go's net/http write. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { goJson } from "./json.ts";

export const JSON_TYPE = "application/json; charset=utf-8";
/** net/http sends a Content-Length only when the whole body fits its 2048-byte buffer. */
const BUFFER_BEFORE_CHUNKING = 2048;

function writeBody(res: ServerResponse, body: Buffer): void {
  if (body.length <= BUFFER_BEFORE_CHUNKING) {
    res.setHeader("Content-Length", body.length);
    res.end(body);
  } else {
    res.write(body); // headers go out without a length: chunked, as Go does for a large body
    res.end();
  }
}

/** gin's c.JSON: compact Go-style JSON, no trailing newline. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  contentType = JSON_TYPE,
): void {
  res.statusCode = status;
  res.setHeader("Content-Type", contentType);
  writeBody(res, Buffer.from(goJson(value), "utf8"));
}

/** A body given as bytes (which need not be valid UTF-8). */
export function sendBytes(
  res: ServerResponse,
  status: number,
  body: Buffer,
  contentType: string,
): void {
  res.statusCode = status;
  res.setHeader("Content-Type", contentType);
  writeBody(res, body);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
): void {
  res.statusCode = status;
  res.setHeader("Content-Type", contentType);
  writeBody(res, Buffer.from(text, "utf8"));
}

/** c.AbortWithStatus: no body, no Content-Type. */
export function sendEmpty(res: ServerResponse, status: number): void {
  res.statusCode = status;
  res.end();
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The whole request body as text (invalid UTF-8 becomes U+FFFD, as Go's decoder does). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("http: request body too large");
    chunks.push(buffer);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

/** Raw HTTP helpers for the simulator's tests: exact headers, bytes and per-line arrival times. */
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { performance } from "node:perf_hooks";
import { startSimulator, type SimulatorHandle } from "./server.ts";
import type { RunRecord } from "./state.ts";

/** Wall-clock ms with sub-ms precision, on the same base as the simulator's run records. */
export const clientNowMs = (): number => performance.timeOrigin + performance.now();

export interface ArrivedLine {
  text: string;
  atMs: number;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Header names and values as sent, in order (repeated headers stay separate). */
  rawHeaders: [string, string][];
  body: string;
  sentAtMs: number;
  headersAtMs: number;
  endedAtMs: number;
  /** Complete `\n`-terminated lines and when each one arrived. */
  lines: ArrivedLine[];
  /** Bytes after the last `\n` (a body that does not end in a newline). */
  tail: string;
  /** The connection ended without a complete response (aborted by us or reset by the server). */
  broken: boolean;
  /** The body's bytes exactly as received (they need not be valid UTF-8). */
  bytes: Buffer;
  /** The code of the socket error that ended the response, e.g. ECONNRESET. */
  errorCode?: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Close the connection once this many lines have arrived. */
  abortAfterLines?: number;
  /** Close the connection this long after sending (ms). */
  abortAfterMs?: number;
}

export function send(baseUrl: string, options: RawRequest): Promise<RawResponse> {
  const url = new URL(options.path, baseUrl);
  return new Promise((resolve, reject) => {
    const sentAtMs = clientNowMs();
    let headersAtMs = 0;
    const lines: ArrivedLine[] = [];
    let body = "";
    let pending = "";
    let settled = false;
    let errorCode: string | undefined;
    const chunks: Buffer[] = [];
    const decoder = new TextDecoder();
    const req = httpRequest(url, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: options.headers,
      agent: false,
    });
    const finish = (
      response: Omit<
        RawResponse,
        "endedAtMs" | "body" | "lines" | "tail" | "broken" | "bytes" | "errorCode"
      >,
      broken: boolean,
    ): void => {
      if (settled) return;
      settled = true;
      clearTimeout(abortTimer);
      const rest = decoder.decode();
      body += rest;
      pending += rest;
      resolve({
        ...response,
        body,
        lines,
        tail: pending,
        endedAtMs: clientNowMs(),
        broken,
        bytes: Buffer.concat(chunks),
        ...(errorCode === undefined ? {} : { errorCode }),
      });
    };
    let abortTimer: NodeJS.Timeout | undefined;
    if (options.abortAfterMs !== undefined) {
      abortTimer = setTimeout(() => req.destroy(), options.abortAfterMs);
    }
    req.on("response", (res) => {
      headersAtMs = clientNowMs();
      const rawHeaders: [string, string][] = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
        rawHeaders.push([res.rawHeaders[i] ?? "", res.rawHeaders[i + 1] ?? ""]);
      }
      const base = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        rawHeaders,
        sentAtMs,
        headersAtMs,
      };
      res.on("data", (chunk: Buffer) => {
        const atMs = clientNowMs();
        chunks.push(chunk);
        const text = decoder.decode(chunk, { stream: true });
        body += text;
        pending += text;
        let newline = pending.indexOf("\n");
        while (newline >= 0) {
          lines.push({ text: pending.slice(0, newline), atMs });
          pending = pending.slice(newline + 1);
          newline = pending.indexOf("\n");
        }
        if (options.abortAfterLines !== undefined && lines.length >= options.abortAfterLines) {
          finish(base, true);
          req.destroy();
        }
      });
      res.on("end", () => finish(base, false));
      res.on("close", () => finish(base, !res.complete));
      res.on("error", (error: NodeJS.ErrnoException) => {
        errorCode ??= error.code;
        finish(base, true);
      });
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      errorCode ??= error.code;
      if (!settled && headersAtMs === 0) reject(error);
    });
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export const post = (
  baseUrl: string,
  path: string,
  body: unknown,
  headers?: Record<string, string>,
): Promise<RawResponse> =>
  send(baseUrl, { path, body: typeof body === "string" ? body : JSON.stringify(body), headers });

export async function getJson(baseUrl: string, path: string): Promise<unknown> {
  const response = await fetch(new URL(path, baseUrl));
  return response.json();
}

/** Parses every line as JSON (as an unknown record). */
export function parseLines(response: RawResponse): Record<string, unknown>[] {
  return response.lines.map((line) => {
    const value: unknown = JSON.parse(line.text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new Error(`not an object: ${line.text}`);
    }
    return Object.fromEntries(Object.entries(value));
  });
}

/** The keys of a JSON object in order, or [] when it is not one. */
export function keysOf(value: unknown): string[] {
  return typeof value === "object" && value !== null ? Object.keys(value) : [];
}

/** The record fields of a nested object, or {} when it is not one. */
export function field(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  return Object.entries(value).find(([name]) => name === key)?.[1];
}

export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
export const RFC3339_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** A string field's value, or "" for anything else. */
export const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** Runs `body` against a simulator of its own (so concurrent tests do not share state). */
export async function withSimulator<T>(body: (sim: SimulatorHandle) => Promise<T>): Promise<T> {
  const sim = await startSimulator({ port: 0 });
  try {
    return await body(sim);
  } finally {
    await sim.close();
  }
}

/** The most recent run for `model` (runs are recorded oldest first). */
export function lastRunOf(sim: SimulatorHandle, model: string): RunRecord {
  const run = sim.state
    .runs()
    .filter((r) => r.model === model)
    .at(-1);
  if (!run) throw new Error(`no run recorded for ${model}`);
  return run;
}

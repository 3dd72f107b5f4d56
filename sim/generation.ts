/**
 * Serves one validated chat/generate request: waits for the model (load or warm), prompt evaluation,
 * then writes token lines on an absolute schedule (token i due at firstTokenAt + i / rate), every
 * line that is due on each timer tick, so the average rate is exact however late the timers fire.
 * Headers are held until the first line. A client that goes away stops everything at once.
 */
import type { ServerResponse } from "node:http";
import { epochMs, epochNs, hrNow, sleep } from "./clock.ts";
import { formatUtc } from "./gotime.ts";
import { garbageLine, invalidUtf8Encoder } from "./faults.ts";
import { JSON_TYPE, sendBytes, sendJson } from "./http.ts";
import { goJson, goJsonLine } from "./json.ts";
import {
  chunkObject,
  contextIds,
  countTokens,
  finalObject,
  type DoneReason,
  type Piece,
  type Stats,
} from "./lines.ts";
import type { ModelOptions } from "./options.ts";
import { makePlan, type Plan } from "./plan.ts";
import type { GenerationRequest } from "./request.ts";
import { DEFAULT_KEEP_ALIVE_NS } from "./residency.ts";
import type { Scenario } from "./scenarios.ts";
import type { RunRecord, RunStatus, SimulatorState } from "./state.ts";

export interface GenerationContext {
  res: ServerResponse;
  state: SimulatorState;
  scenario: Scenario;
  request: GenerationRequest;
  options: ModelOptions;
  thinking: boolean;
  receivedHr: bigint;
  record: RunRecord;
}

const STALL_LIMIT_MS = 10 * 60 * 1000;

/** prompt_eval_count: the prompt's words and marks plus a template overhead. */
export function promptEvalCount(request: GenerationRequest): number {
  if (request.api === "chat") {
    return request.messages.reduce((sum, m) => sum + 4 + countTokens(m.content), 3);
  }
  const system = request.system ? countTokens(request.system) + 5 : 0;
  const template = request.raw ? 0 : 8;
  return Math.max(
    1,
    template + system + countTokens(request.prompt ?? "") + countTokens(request.suffix ?? ""),
  );
}

export async function serveGeneration(ctx: GenerationContext): Promise<void> {
  const { res, state, scenario, request, record } = ctx;
  const abort = new AbortController();
  let finished = false;
  let holdsModel = false;
  let timer: NodeJS.Timeout | undefined;

  const finish = (status: RunStatus, error?: string): void => {
    if (finished) return;
    finished = true;
    untrack();
    clearTimeout(timer);
    record.status = status;
    if (error !== undefined) record.error = error;
    state.streamClosed();
    if (holdsModel) state.residency.release(scenario.name);
  };
  const cancel = (): void => {
    if (finished) return;
    abort.abort();
    finish("aborted");
    res.destroy();
  };
  const untrack = state.track(cancel);
  state.streamOpened();
  res.on("close", cancel);

  const sessionNs = request.keepAliveNs ?? DEFAULT_KEEP_ALIVE_NS;
  const warmMs = 3 + (record.id % 6);
  const acquired = await state.residency.acquire(
    scenario,
    sessionNs,
    ctx.options.numCtx,
    warmMs,
    abort.signal,
  );
  if (acquired === "aborted" || finished) {
    if (acquired === "ok") state.residency.release(scenario.name);
    return;
  }
  if (acquired === "failed") {
    const error = scenario.loadError ?? "model failed to load";
    record.httpStatus = 500;
    record.headersAtMs = epochMs(hrNow());
    sendJson(res, 500, { error });
    finish("error", error);
    return;
  }
  holdsModel = true;
  const loadedHr = hrNow();
  const loadNs = Number(loadedHr - ctx.receivedHr);

  const isLoadOnly =
    request.api === "chat" ? request.messages.length === 0 : (request.prompt ?? "") === "";
  if (isLoadOnly) {
    const done = finalObject(
      request.api,
      request.model,
      formatUtc(epochNs(loadedHr)),
      { content: "", thinking: "" },
      "load",
      {},
    );
    record.final = done;
    record.httpStatus = 200;
    record.headersAtMs = epochMs(hrNow());
    sendJson(res, 200, done);
    finish("done");
    return;
  }

  // Planned before the clock starts, so building a long text never delays the first token.
  const plan = makePlan(scenario, ctx.thinking, ctx.options.numPredict);
  const emitter = request.stream ? streamSink(ctx) : bodySink(ctx);
  if (!(await sleep(scenario.promptEvalMs, abort.signal))) return;
  const firstHr = hrNow();
  const timing = { loadNs, promptEvalNs: Number(firstHr - loadedHr), firstHr };
  schedule(plan, timing);

  function schedule(plan: Plan, t: typeof timing): void {
    const intervalNs = 1e9 / scenario.tokensPerSecond;
    const due = (slot: number): bigint => t.firstHr + BigInt(Math.round(slot * intervalNs));
    let next = 0;
    const wait = (untilHr: bigint, now: bigint): void => {
      timer = setTimeout(tick, Number(untilHr - now) / 1e6);
    };
    const tick = (): void => {
      timer = undefined;
      if (finished) return;
      const now = hrNow();
      emitter.begin();
      while (next < plan.pieces.length && due(next) <= now) {
        const piece = plan.pieces[next];
        if (piece) emitter.token(piece, due(next));
        next++;
      }
      emitter.end();
      if (next < plan.pieces.length) {
        wait(due(next), now);
        return;
      }
      if (plan.ending.kind === "stall") {
        timer = setTimeout(() => {
          emitter.abandon();
          finish("error", "stalled for 10 minutes");
        }, STALL_LIMIT_MS);
        return;
      }
      const endHr = due(plan.endSlot);
      if (endHr > now) {
        wait(endHr, now);
        return;
      }
      conclude(plan, endHr);
    };
    tick();
  }

  function conclude(plan: Plan, endHr: bigint): void {
    const ending = plan.ending;
    if (ending.kind === "error") {
      emitter.fail(ending.message);
      finish("error", ending.message);
      return;
    }
    if (ending.kind === "cutoff" || ending.kind === "stall") {
      emitter.abandon();
      finish("error", "response ended without a done line");
      return;
    }
    if (ending.kind === "reset") {
      finish("error", "connection reset");
      resetConnection(ctx.res);
      return;
    }
    const now = hrNow();
    const stats: Stats = {
      total_duration: Number(now - ctx.receivedHr),
      load_duration: timing.loadNs,
      prompt_eval_count: promptEvalCount(request),
      prompt_eval_duration: timing.promptEvalNs,
      eval_count: plan.evalCount,
      eval_duration: Number(now - timing.firstHr),
    };
    const reason: DoneReason = ending.kind;
    const context =
      request.api === "generate" && !request.raw
        ? contextIds(request.prompt ?? "", plan.pieces)
        : undefined;
    emitter.done(formatUtc(epochNs(endHr)), reason, stats, context);
    finish("done");
  }
}

interface Emitter {
  begin(): void;
  token(piece: Piece, dueHr: bigint): void;
  end(): void;
  done(createdAt: string, reason: DoneReason, stats: Stats, context?: number[]): void;
  /** A mid-generation error. */
  fail(message: string): void;
  /** Ends without a done line (the server was cut off). */
  abandon(): void;
}

/** Ends the connection with a TCP RST: the client sees "connection reset", not an end of body. */
function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (socket) socket.resetAndDestroy();
  else res.destroy();
}

/** Notes one token written (a stream) or generated (a blocking answer) in the run's record. */
function tokenSent(record: RunRecord): void {
  const at = epochMs(hrNow());
  record.firstTokenAtMs ??= at;
  record.lastTokenAtMs = at;
  record.tokensSent++;
}

/**
 * NDJSON: headers with the first line, one line per token, the final line, then close. A scenario
 * may put a garbage line in every n-th place, or send invalid UTF-8 for its U+FFFD characters.
 */
function streamSink(ctx: GenerationContext): Emitter {
  const { res, record, request, scenario } = ctx;
  const encode = scenario.invalidUtf8 ? invalidUtf8Encoder(scenario.invalidUtf8) : undefined;
  const every = scenario.malformedEvery;
  if (every !== undefined) record.malformedLines = 0;
  let linesWritten = 0;
  const write = (line: string): void => {
    if (!res.headersSent) {
      res.writeHead(200, { "Content-Type": "application/x-ndjson" });
      record.httpStatus = 200;
      record.headersAtMs = epochMs(hrNow());
    }
    if (every !== undefined && (linesWritten + 1) % every === 0) {
      const bad = record.malformedLines ?? 0;
      res.write(garbageLine(request.model, bad));
      record.malformedLines = bad + 1;
      linesWritten += 1;
    }
    res.write(encode ? encode(line) : line);
    linesWritten += 1;
  };
  return {
    begin: () => res.cork(),
    end: () => res.uncork(),
    token(piece, dueHr) {
      write(goJsonLine(chunkObject(request.api, request.model, formatUtc(epochNs(dueHr)), piece)));
      tokenSent(record);
    },
    done(createdAt, reason, stats, context) {
      const final = finalObject(
        request.api,
        request.model,
        createdAt,
        { content: "", thinking: "" },
        reason,
        stats,
        context,
      );
      record.final = final;
      write(goJsonLine(final));
      res.end();
    },
    fail(message) {
      write(goJsonLine({ error: message }));
      res.end();
    },
    abandon() {
      if (res.headersSent) res.end();
      else res.destroy();
    },
  };
}

/** stream:false: nothing until the end, then one JSON object with the texts concatenated. */
function bodySink(ctx: GenerationContext): Emitter {
  const { res, record, request, scenario } = ctx;
  const encode = scenario.invalidUtf8 ? invalidUtf8Encoder(scenario.invalidUtf8) : undefined;
  let content = "";
  let thinking = "";
  const respond = (status: number, value: Record<string, unknown>): void => {
    record.httpStatus = status;
    record.headersAtMs = epochMs(hrNow());
    if (encode) sendBytes(res, status, encode(goJson(value)), JSON_TYPE);
    else sendJson(res, status, value);
  };
  return {
    begin: () => undefined,
    end: () => undefined,
    token(piece) {
      content += piece.content;
      thinking += piece.thinking;
      tokenSent(record);
    },
    done(createdAt, reason, stats, context) {
      const final = finalObject(
        request.api,
        request.model,
        createdAt,
        { content, thinking },
        reason,
        stats,
        context,
      );
      record.final = final;
      respond(200, final);
    },
    fail(message) {
      respond(500, { error: message });
    },
    abandon() {
      res.destroy();
    },
  };
}

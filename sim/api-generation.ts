/**
 * POST /api/chat and /api/generate: the checks in Ollama's handler order (bind, model name, lookup,
 * unload, raw, think, capabilities, options), then the generation itself.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { epochMs, epochNs, hrNow } from "./clock.ts";
import { answerAtTheDoor } from "./faults.ts";
import { serveGeneration } from "./generation.ts";
import { formatUtc } from "./gotime.ts";
import { readBody, sendJson } from "./http.ts";
import { finalObject } from "./lines.ts";
import { findScenario, isValidName, qualifiedName } from "./models.ts";
import { parseOptions } from "./options.ts";
import { parseGenerationRequest, type GenerationRequest } from "./request.ts";
import type { Scenario } from "./scenarios.ts";
import type { RunRecord, SimulatorState } from "./state.ts";

export interface ApiContext {
  req: IncomingMessage;
  res: ServerResponse;
  state: SimulatorState;
  models: Record<string, Scenario>;
  receivedHr: bigint;
}

type Checked =
  | { ok: true; scenario: Scenario; thinking: boolean }
  | { ok: false; status: number; error: string }
  | { ok: "unloaded" };

function check(request: GenerationRequest, ctx: ApiContext): Checked {
  const { model } = request;
  if (!isValidName(model)) {
    return request.api === "chat"
      ? { ok: false, status: 400, error: "model is required" }
      : { ok: false, status: 404, error: `model '${model}' not found` };
  }
  const scenario = findScenario(ctx.models, model);
  if (!scenario) return { ok: false, status: 404, error: `model '${model}' not found` };
  const empty = request.api === "chat" ? request.messages.length === 0 : request.prompt === "";
  if (empty && request.keepAliveNs === 0n) {
    ctx.state.residency.unload(scenario.name);
    return { ok: "unloaded" };
  }
  if (
    request.api === "generate" &&
    request.raw &&
    (request.template || request.system || request.context?.length)
  ) {
    return {
      ok: false,
      status: 400,
      error: "raw mode does not support template, system, or context",
    };
  }
  let thinking = false;
  if (scenario.capabilities.includes("thinking")) {
    thinking = request.think !== false;
  } else if (request.think !== undefined && request.think !== false) {
    return { ok: false, status: 400, error: `${JSON.stringify(model)} does not support thinking` };
  }
  const needs =
    request.api === "generate" && request.suffix
      ? "insert"
      : request.hasTools
        ? "tools"
        : undefined;
  if (needs && !scenario.capabilities.includes(needs)) {
    return {
      ok: false,
      status: 400,
      error: `${qualifiedName(scenario.name)} does not support ${needs}`,
    };
  }
  return { ok: true, scenario, thinking };
}

function fail(ctx: ApiContext, record: RunRecord | undefined, status: number, error: string): void {
  if (record) {
    record.status = "error";
    record.httpStatus = status;
    record.error = error;
    record.headersAtMs = epochMs(hrNow());
  }
  sendJson(ctx.res, status, { error });
}

export async function handleGeneration(api: "chat" | "generate", ctx: ApiContext): Promise<void> {
  const text = await readBody(ctx.req);
  const parsed = parseGenerationRequest(api, text);
  if (!parsed.ok) {
    fail(ctx, undefined, parsed.status, parsed.error);
    return;
  }
  const request = parsed.value;
  const record = ctx.state.startRun({
    model: request.model,
    api,
    stream: request.stream,
    receivedAtMs: epochMs(ctx.receivedHr),
    request: request.body,
  });
  const checked = check(request, ctx);
  if (checked.ok === "unloaded") {
    const done = finalObject(
      api,
      request.model,
      formatUtc(epochNs(hrNow())),
      { content: "", thinking: "" },
      "unload",
      {},
    );
    record.status = "done";
    record.final = done;
    record.httpStatus = 200;
    record.headersAtMs = epochMs(hrNow());
    sendJson(ctx.res, 200, done);
    return;
  }
  if (!checked.ok) {
    fail(ctx, record, checked.status, checked.error);
    return;
  }
  const options = parseOptions(request.options);
  if (!options.ok) {
    fail(ctx, record, 500, options.error);
    return;
  }
  const atTheDoor = answerAtTheDoor(checked.scenario, ctx.res);
  if (atTheDoor) {
    record.status = "error";
    record.httpStatus = atTheDoor.status;
    record.error = atTheDoor.error;
    record.headersAtMs = epochMs(hrNow());
    return;
  }
  await serveGeneration({
    res: ctx.res,
    state: ctx.state,
    scenario: checked.scenario,
    request,
    options: options.value,
    thinking: checked.thinking,
    receivedHr: ctx.receivedHr,
    record,
  });
}

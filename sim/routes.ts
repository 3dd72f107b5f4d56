/** The route table: Ollama's endpoints the dashboard uses, and the simulator's /__sim/ controls. */
import { handleGeneration, type ApiContext } from "./api-generation.ts";
import { psBody, showBody, tagsBody } from "./catalog.ts";
import { readBody, sendJson, sendText } from "./http.ts";
import { findScenario, isValidName, withTag } from "./models.ts";
import { parseShowRequest } from "./request.ts";

export const VERSION = "0.13.5";

export type Handler = (ctx: ApiContext) => Promise<void> | void;
export type Routes = Record<string, Partial<Record<string, Handler>>>;

const running: Handler = ({ res }) =>
  sendText(res, 200, "Ollama is running", "text/plain; charset=utf-8");
const version: Handler = ({ res }) => sendJson(res, 200, { version: VERSION });
const tags: Handler = ({ res, models }) => sendJson(res, 200, tagsBody(Object.values(models)));

async function show(ctx: ApiContext): Promise<void> {
  const parsed = parseShowRequest(await readBody(ctx.req));
  if (!parsed.ok) {
    sendJson(ctx.res, parsed.status, { error: parsed.error });
    return;
  }
  if (!isValidName(parsed.value.model)) {
    sendJson(ctx.res, 400, { error: "invalid model name" });
    return;
  }
  const scenario = findScenario(ctx.models, parsed.value.model);
  if (!scenario) {
    sendJson(ctx.res, 404, { error: `model '${withTag(parsed.value.model)}' not found` });
    return;
  }
  sendJson(ctx.res, 200, showBody(scenario));
}

export const routes: Routes = {
  "/": { GET: running, HEAD: running },
  "/api/version": { GET: version, HEAD: version },
  "/api/tags": { GET: tags, HEAD: tags },
  "/api/ps": { GET: ({ res, state }) => sendJson(res, 200, psBody(state.residency.list())) },
  "/api/show": { POST: show },
  "/api/chat": { POST: (ctx) => handleGeneration("chat", ctx) },
  "/api/generate": { POST: (ctx) => handleGeneration("generate", ctx) },
  "/__sim/runs": { GET: ({ res, state }) => sendJson(res, 200, state.runs()) },
  "/__sim/stats": { GET: ({ res, state }) => sendJson(res, 200, state.stats()) },
  "/__sim/reset": {
    POST: ({ res, state }) => {
      state.reset();
      sendJson(res, 200, { reset: true });
    },
  },
  "/__sim/unload-all": {
    POST: ({ res, state }) => {
      state.residency.unloadAll();
      sendJson(res, 200, { unloaded: true });
    },
  },
};

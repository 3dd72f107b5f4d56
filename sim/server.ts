/**
 * A simulated Ollama on node:http: CORS and the Host check first (as Ollama's middleware order),
 * then the routes; unknown paths 404 and wrong methods 405 with gin's plain-text bodies.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { ApiContext } from "./api-generation.ts";
import { hrNow } from "./clock.ts";
import { corsConfig, decideCors, decideHost, type CorsConfig } from "./cors.ts";
import { sendEmpty, sendJson, sendText } from "./http.ts";
import { allPieces } from "./plan.ts";
import { routes } from "./routes.ts";
import { scenarios as defaultScenarios, type Scenario } from "./scenarios.ts";
import { SimulatorState } from "./state.ts";

export { SimulatorState } from "./state.ts";

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. A loopback address turns on Ollama's Host-header check. */
  host?: string;
  /** The models to serve; defaults to `scenarios`. Tests may add their own. */
  scenarios?: Record<string, Scenario>;
  /** OLLAMA_ORIGINS; defaults to the environment variable. */
  origins?: string;
}

export interface SimulatorHandle {
  url: string;
  port: number;
  close(): Promise<void>;
  state: SimulatorState;
}

const isLoopback = (host: string): boolean =>
  host === "localhost" || host === "::1" || /^127\./.test(host);

async function dispatch(ctx: ApiContext, cors: CorsConfig, loopback: boolean): Promise<void> {
  const { req, res } = ctx;
  const method = req.method ?? "GET";
  const host = req.headers.host ?? "";
  const origin = req.headers.origin;
  const decision = decideCors(cors, method, origin, host);
  if (decision.kind === "forbidden") {
    sendEmpty(res, 403);
    return;
  }
  for (const [name, value] of decision.headers) res.setHeader(name, value);
  if (decision.kind === "preflight") {
    sendEmpty(res, 204);
    return;
  }
  const hostDecision = decideHost(host, method, loopback);
  if (hostDecision === "forbidden") {
    sendEmpty(res, 403);
    return;
  }
  if (hostDecision === "options-no-content") {
    sendEmpty(res, 204);
    return;
  }
  const path = new URL(req.url ?? "/", "http://sim").pathname;
  const route = routes[path];
  if (!route) {
    sendText(res, 404, "404 page not found", "text/plain");
    return;
  }
  const handler = route[method];
  if (!handler) {
    sendText(res, 405, "405 method not allowed", "text/plain");
    return;
  }
  await handler(ctx);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const host = options.host ?? "127.0.0.1";
  const models = options.scenarios ?? defaultScenarios;
  const cors = corsConfig(options.origins ?? process.env.OLLAMA_ORIGINS);
  const state = new SimulatorState();
  // Build every model's token pieces now, not during someone's first request.
  for (const scenario of Object.values(models)) {
    allPieces(scenario, false);
    if (scenario.thinkingTokens) allPieces(scenario, true);
  }
  const loopback = isLoopback(host);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const ctx: ApiContext = { req, res, state, models, receivedHr: hrNow() };
    dispatch(ctx, cors, loopback).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, 500, { error: message });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("not listening on TCP");
  const { port } = address;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      state.dispose();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return { url: `http://${urlHost}:${port}`, port, close, state };
}

import { useMemo } from "react";
import { createBrowserClient } from "../ollama/worker-client.ts";
import type { OllamaClient } from "../ollama/types.ts";

/** One client per base URL; generation streams are read in a worker (see stream.worker.ts). */
export function useOllamaClient(baseUrl: string): OllamaClient {
  return useMemo(() => createBrowserClient({ baseUrl }), [baseUrl]);
}

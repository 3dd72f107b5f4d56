import { useMemo } from "react";
import { createOllamaClient } from "../ollama/client.ts";
import type { OllamaClient } from "../ollama/types.ts";

/** One client per base URL. */
export function useOllamaClient(baseUrl: string): OllamaClient {
  return useMemo(() => createOllamaClient({ baseUrl }), [baseUrl]);
}

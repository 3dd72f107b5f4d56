import { useEffect, useState } from "react";
import type { ModelSummary, OllamaClient } from "../ollama/types.ts";

export type ModelsState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; models: ModelSummary[] }
  | { status: "error"; message: string };

/** The installed models (GET /api/tags), fetched whenever the connection comes up. */
export function useModels(client: OllamaClient | undefined, connected: boolean): ModelsState {
  const [result, setResult] = useState<{ client: OllamaClient; state: ModelsState }>();
  useEffect(() => {
    if (!client || !connected) return;
    const abort = new AbortController();
    client.listModels(abort.signal).then(
      (models) => setResult({ client, state: { status: "ready", models } }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setResult({ client, state: { status: "error", message } });
      },
    );
    return () => abort.abort();
  }, [client, connected]);
  if (!client || !connected) return { status: "idle" };
  return result?.client === client ? result.state : { status: "loading" };
}

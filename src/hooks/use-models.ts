import { useEffect, useState } from "react";
import type { ModelSummary, OllamaClient } from "../ollama/types.ts";

export type ModelsState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; models: ModelSummary[] }
  | { status: "error"; message: string };

/** The installed models (GET /api/tags), fetched whenever the connection comes up. */
export function useModels(client: OllamaClient | undefined, connected: boolean): ModelsState {
  const [state, setState] = useState<ModelsState>({ status: "idle" });
  useEffect(() => {
    if (!client || !connected) {
      setState({ status: "idle" });
      return;
    }
    const abort = new AbortController();
    setState({ status: "loading" });
    client.listModels(abort.signal).then(
      (models) => setState({ status: "ready", models }),
      (error: unknown) => {
        if (!abort.signal.aborted) {
          setState({
            status: "error",
            message: error instanceof Error ? error.message : String(error),
          });
        }
      },
    );
    return () => abort.abort();
  }, [client, connected]);
  return state;
}

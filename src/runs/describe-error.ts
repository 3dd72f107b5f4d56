import {
  IncompleteStreamError,
  NetworkError,
  OllamaHttpError,
  OllamaStreamError,
} from "../ollama/errors.ts";
import type { RunError } from "./run-state.ts";

/** Maps whatever a run threw to plain words and a kind a panel can show. */
export function describeError(error: unknown): RunError {
  if (error instanceof OllamaHttpError) {
    return {
      kind: "http",
      status: error.status,
      message: `Ollama answered HTTP ${error.status}: ${error.message}`,
    };
  }
  if (error instanceof OllamaStreamError) {
    return { kind: "stream", message: `Ollama reported an error mid-stream: ${error.message}` };
  }
  if (error instanceof IncompleteStreamError) {
    return { kind: "incomplete", message: error.message };
  }
  if (error instanceof NetworkError) {
    return { kind: "network", message: error.message };
  }
  return { kind: "other", message: error instanceof Error ? error.message : String(error) };
}

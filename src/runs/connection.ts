import { isAbortError, NetworkError, OllamaHttpError } from "../ollama/errors.ts";

/** Plain words for why the dashboard cannot talk to Ollama at `baseUrl`. */
export function explainConnectionError(error: unknown, baseUrl: string): string {
  if (isAbortError(error)) return `No answer from ${baseUrl} within 4 s.`;
  if (error instanceof OllamaHttpError) {
    if (error.status === 403) {
      return `Ollama at ${baseUrl} refused this page's origin (HTTP 403). Add it to OLLAMA_ORIGINS.`;
    }
    return `${baseUrl} answered HTTP ${error.status}: ${error.message}`;
  }
  if (error instanceof NetworkError) {
    return `Could not reach Ollama at ${baseUrl}. Is it running (ollama serve)? If it is, it may be refusing this page's origin: set OLLAMA_ORIGINS.`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Build-time settings, read once. VITE_SIM_URL is where `npm start` runs the simulated Ollama, so the
 * connection bar can offer it; VITE_OLLAMA_URL overrides the default Ollama address.
 */
function readUrl(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value.trim() === "") return fallback;
  try {
    return new URL(value.trim()).toString().replace(/\/+$/, "");
  } catch {
    throw new Error(`Invalid URL in environment: ${value}`);
  }
}

export const env = {
  defaultOllamaUrl: readUrl(import.meta.env.VITE_OLLAMA_URL, "http://localhost:11434"),
  simulatorUrl: readUrl(import.meta.env.VITE_SIM_URL, "http://127.0.0.1:11435"),
} as const;

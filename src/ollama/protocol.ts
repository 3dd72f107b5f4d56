/**
 * Ollama wire types, spelled exactly as the API sends them (snake_case).
 * Source: shared/ollama-protocol.md. Everything except `model`, `done` and the text fields is optional:
 * Ollama omits zero-valued statistics (`omitempty`), so a missing field means "not sent", never 0.
 */

export interface WireOptions {
  temperature?: number;
  seed?: number;
  num_predict?: number;
  num_ctx?: number;
  top_k?: number;
  top_p?: number;
}

export type WireThink = boolean | "low" | "medium" | "high" | "max";

export interface WireMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  thinking?: string;
}

export interface ChatRequest {
  model: string;
  messages: WireMessage[];
  stream: boolean;
  think?: WireThink;
  options?: WireOptions;
  keep_alive?: string | number;
}

export interface GenerateRequest {
  model: string;
  prompt: string;
  system?: string;
  stream: boolean;
  think?: WireThink;
  options?: WireOptions;
  keep_alive?: string | number;
}

/** The statistics of a final (`done: true`) line. Durations are nanoseconds. */
export interface WireFinalStats {
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
}

export interface ChatChunk extends WireFinalStats {
  model: string;
  created_at?: string;
  message: { role: string; content: string; thinking?: string };
  done: boolean;
}

export interface GenerateChunk extends WireFinalStats {
  model: string;
  created_at?: string;
  response: string;
  thinking?: string;
  done: boolean;
  context?: number[];
}

export interface ErrorLine {
  error: string;
}

export interface VersionResponse {
  version: string;
}

export interface WireModelDetails {
  parent_model?: string;
  format?: string;
  family?: string;
  families?: string[] | null;
  parameter_size?: string;
  quantization_level?: string;
}

export interface TagsResponse {
  models: {
    name: string;
    model: string;
    modified_at?: string;
    size?: number;
    digest?: string;
    details?: WireModelDetails;
    capabilities?: string[];
  }[];
}

export interface PsResponse {
  models: {
    name: string;
    model: string;
    size?: number;
    size_vram?: number;
    digest?: string;
    details?: WireModelDetails;
    expires_at?: string;
    context_length?: number;
  }[];
}

export interface ShowResponse {
  details?: WireModelDetails;
  capabilities?: string[];
  model_info?: Record<string, unknown>;
  parameters?: string;
  template?: string;
  modified_at?: string;
}

import type { Api, GenerationOptions, GenerationRequest, ThinkSetting } from "../ollama/types.ts";

/** Everything a person sets up for a run. It round-trips through the page URL, so a link reproduces it. */
export interface RunSetup {
  host: string;
  model: string;
  prompt: string;
  system: string;
  api: Api;
  stream: boolean;
  think: ThinkSetting;
  /** Option fields as typed in the form (strings), validated by `validateSetup`. */
  options: Record<OptionKey, string>;
  keepAlive: string;
  /** Seconds with nothing arriving before a run is ended; "0" waits for ever. */
  idleTimeout: string;
}

export const OPTION_KEYS = [
  "temperature",
  "seed",
  "num_predict",
  "num_ctx",
  "top_k",
  "top_p",
] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];

export const THINK_SETTINGS: readonly ThinkSetting[] = [
  "unset",
  "off",
  "on",
  "low",
  "medium",
  "high",
];

export const DEFAULT_HOST = "http://localhost:11434";

export function defaultSetup(host = DEFAULT_HOST): RunSetup {
  return {
    host,
    model: "",
    prompt: "Why is the sky blue? Answer in three sentences.",
    system: "",
    api: "chat",
    stream: true,
    think: "unset",
    options: { temperature: "", seed: "", num_predict: "", num_ctx: "", top_k: "", top_p: "" },
    keepAlive: "",
    idleTimeout: "60",
  };
}

/** Reads a setup from URL search parameters; unknown or invalid enum values fall back to defaults. */
export function setupFromSearch(search: string, fallback: RunSetup): RunSetup {
  const params = new URLSearchParams(search);
  const text = (key: string, value: string): string => params.get(key) ?? value;
  const api = params.get("api");
  const think = params.get("think");
  const stream = params.get("stream");
  const options = { ...fallback.options };
  for (const key of OPTION_KEYS) options[key] = text(key, options[key]);
  return {
    host: text("host", fallback.host),
    model: text("model", fallback.model),
    prompt: text("prompt", fallback.prompt),
    system: text("system", fallback.system),
    api: api === "chat" || api === "generate" ? api : fallback.api,
    stream: stream === null ? fallback.stream : !["0", "false", "off"].includes(stream),
    think: THINK_SETTINGS.find((setting) => setting === think) ?? fallback.think,
    options,
    keepAlive: text("keep_alive", fallback.keepAlive),
    idleTimeout: text("idle_timeout", fallback.idleTimeout),
  };
}

/** Writes a setup as URL search parameters, leaving out empty fields to keep links short. */
export function setupToSearch(setup: RunSetup): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string): void => {
    if (value !== "") params.set(key, value);
  };
  put("host", setup.host);
  put("model", setup.model);
  put("prompt", setup.prompt);
  put("system", setup.system);
  params.set("api", setup.api);
  params.set("stream", setup.stream ? "1" : "0");
  if (setup.think !== "unset") params.set("think", setup.think);
  for (const key of OPTION_KEYS) put(key, setup.options[key].trim());
  put("keep_alive", setup.keepAlive.trim());
  if (setup.idleTimeout.trim() !== "60") put("idle_timeout", setup.idleTimeout.trim());
  return `?${params.toString()}`;
}

export type SetupErrors = Partial<
  Record<"host" | "model" | "prompt" | OptionKey | "keepAlive" | "idleTimeout", string>
>;

interface NumberRule {
  integer: boolean;
  min?: number;
  max?: number;
  message: string;
}

const NUMBER_RULES: Record<OptionKey, NumberRule> = {
  temperature: { integer: false, min: 0, message: "a number ≥ 0, e.g. 0.7" },
  seed: { integer: true, message: "a whole number" },
  num_predict: { integer: true, min: -1, message: "a whole number ≥ -1 (-1 = no limit)" },
  num_ctx: { integer: true, min: 1, message: "a whole number ≥ 1, e.g. 4096" },
  top_k: { integer: true, min: 0, message: "a whole number ≥ 0" },
  top_p: { integer: false, min: 0, max: 1, message: "a number from 0 to 1" },
};

/** A Go duration ("5m", "1h30m", "300ms") or a number of seconds; Ollama rejects a bare "300s"-less unit string. */
const GO_DURATION = /^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/**
 * Checks the setup before anything is sent. Bad input is refused at its field with a message;
 * a setup with errors is never sent to Ollama.
 */
export function validateSetup(setup: RunSetup): SetupErrors {
  const errors: SetupErrors = {};
  if (!isHttpUrl(setup.host))
    errors.host = "Enter an http:// or https:// URL, e.g. http://localhost:11434";
  if (setup.model.trim() === "") errors.model = "Pick a model";
  if (setup.prompt.trim() === "") errors.prompt = "Type a prompt";
  for (const key of OPTION_KEYS) {
    const raw = setup.options[key].trim();
    if (raw === "") continue;
    const rule = NUMBER_RULES[key];
    const value = Number(raw);
    const ok =
      Number.isFinite(value) &&
      (!rule.integer || Number.isInteger(value)) &&
      (rule.min === undefined || value >= rule.min) &&
      (rule.max === undefined || value <= rule.max);
    if (!ok) errors[key] = `${key} must be ${rule.message}`;
  }
  const keepAlive = setup.keepAlive.trim();
  if (keepAlive !== "" && !GO_DURATION.test(keepAlive) && !Number.isFinite(Number(keepAlive))) {
    errors.keepAlive = 'keep_alive must be seconds (e.g. 300) or a duration such as "5m"';
  }
  const idle = Number(setup.idleTimeout.trim());
  if (setup.idleTimeout.trim() === "" || !Number.isFinite(idle) || idle < 0) {
    errors.idleTimeout = "The idle timeout must be a number of seconds ≥ 0 (0 = wait for ever)";
  }
  return errors;
}

/** How long a run may go with nothing arriving, in ms (undefined: no limit). Validate first. */
export function idleTimeoutMs(setup: RunSetup): number | undefined {
  const seconds = Number(setup.idleTimeout.trim());
  return seconds > 0 ? seconds * 1000 : undefined;
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** Turns a valid setup into the request the client sends. Call `validateSetup` first. */
export function toGenerationRequest(setup: RunSetup): GenerationRequest {
  const options: GenerationOptions = {};
  for (const key of OPTION_KEYS) {
    const raw = setup.options[key].trim();
    if (raw !== "") options[key] = Number(raw);
  }
  const keepAlive = setup.keepAlive.trim();
  return {
    api: setup.api,
    model: setup.model.trim(),
    prompt: setup.prompt,
    system: setup.system.trim() === "" ? undefined : setup.system,
    stream: setup.stream,
    think: setup.think,
    options,
    // A bare number is seconds for Ollama; send it as a JSON number, anything else as a string.
    keepAlive:
      keepAlive === ""
        ? undefined
        : Number.isFinite(Number(keepAlive))
          ? Number(keepAlive)
          : keepAlive,
  };
}

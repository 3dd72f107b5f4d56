/**
 * `options` checked like api.Options.FromMap: unknown keys ignored, null skipped, numbers accepted
 * for floats, floats truncated for ints, any other type a 500 `option "x" must be of type …`.
 */

type OptionKind = "integer" | "float32" | "boolean" | "strings";

const OPTION_KINDS: Record<string, OptionKind> = {
  num_keep: "integer",
  seed: "integer",
  num_predict: "integer",
  top_k: "integer",
  top_p: "float32",
  min_p: "float32",
  typical_p: "float32",
  repeat_last_n: "integer",
  temperature: "float32",
  repeat_penalty: "float32",
  presence_penalty: "float32",
  frequency_penalty: "float32",
  stop: "strings",
  numa: "boolean",
  num_ctx: "integer",
  num_batch: "integer",
  num_gpu: "integer",
  main_gpu: "integer",
  use_mmap: "boolean",
  num_thread: "integer",
  draft_num_predict: "integer",
};

export interface ModelOptions {
  /** > 0 limits the tokens generated; otherwise unlimited. */
  numPredict: number;
  numCtx?: number;
}

export type OptionsResult = { ok: true; value: ModelOptions } | { ok: false; error: string };

function checkOption(key: string, kind: OptionKind, value: unknown): string | undefined {
  switch (kind) {
    case "integer":
    case "float32":
      return typeof value === "number" ? undefined : `option "${key}" must be of type ${kind}`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `option "${key}" must be of type boolean`;
    case "strings":
      if (!Array.isArray(value)) return `option "${key}" must be of type array`;
      return value.every((item) => typeof item === "string")
        ? undefined
        : `option "${key}" must be of an array of strings`;
  }
}

export function parseOptions(options: Record<string, unknown>): OptionsResult {
  const result: ModelOptions = { numPredict: -1 };
  for (const [key, value] of Object.entries(options)) {
    const kind = OPTION_KINDS[key];
    if (kind === undefined || value === null) continue;
    const error = checkOption(key, kind, value);
    if (error !== undefined) return { ok: false, error };
    if (typeof value !== "number") continue;
    if (key === "num_predict") result.numPredict = Math.trunc(value);
    if (key === "num_ctx") result.numCtx = Math.trunc(value);
  }
  return { ok: true, value: result };
}

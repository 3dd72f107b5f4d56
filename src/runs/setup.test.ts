import { describe, expect, it } from "vitest";
import {
  defaultSetup,
  setupFromSearch,
  setupToSearch,
  toGenerationRequest,
  validateSetup,
  type RunSetup,
} from "./setup.ts";

const full: RunSetup = {
  ...defaultSetup("http://127.0.0.1:11436"),
  model: "thinker:14b",
  prompt: "Why & how? 50% of <things>",
  system: "Be brief.",
  api: "generate",
  stream: false,
  think: "high",
  options: {
    temperature: "0.2",
    seed: "42",
    num_predict: "64",
    num_ctx: "8192",
    top_k: "40",
    top_p: "0.9",
  },
  keepAlive: "10m",
};

describe("setup in the URL", () => {
  it("round-trips every field through the query string", () => {
    expect(setupFromSearch(setupToSearch(full), defaultSetup())).toEqual(full);
  });

  it("falls back to defaults for absent or unknown values", () => {
    const parsed = setupFromSearch("?api=soap&think=maybe&stream=0", defaultSetup());
    expect(parsed.api).toBe("chat");
    expect(parsed.think).toBe("unset");
    expect(parsed.stream).toBe(false);
    expect(parsed.host).toBe("http://localhost:11434");
  });
});

describe("validateSetup", () => {
  it("accepts a complete setup", () => {
    expect(validateSetup(full)).toEqual({});
  });

  it("refuses bad input at its field", () => {
    const errors = validateSetup({
      ...full,
      host: "localhost 11434",
      model: "",
      options: { ...full.options, num_ctx: "abc", num_predict: "-2", top_p: "1.5", seed: "1.5" },
      keepAlive: "300x",
    });
    expect(Object.keys(errors).sort()).toEqual(
      ["host", "keepAlive", "model", "num_ctx", "num_predict", "seed", "top_p"].sort(),
    );
    expect(errors.num_predict).toMatch(/-1/);
  });

  it("allows num_predict -1 (no limit)", () => {
    expect(validateSetup({ ...full, options: { ...full.options, num_predict: "-1" } })).toEqual({});
  });
});

describe("toGenerationRequest", () => {
  it("sends numbers as numbers and leaves empty options out", () => {
    const request = toGenerationRequest({
      ...full,
      options: { ...defaultSetup().options, temperature: "0.5", seed: "7" },
      keepAlive: "300",
    });
    expect(request.options).toEqual({ temperature: 0.5, seed: 7 });
    expect(request.keepAlive).toBe(300);
    expect(request.system).toBe("Be brief.");
    expect(toGenerationRequest({ ...full, system: "  ", keepAlive: "" }).system).toBeUndefined();
    expect(toGenerationRequest(full).keepAlive).toBe("10m");
  });
});

import { describe, expect, it } from "vitest";
import { defaultComparison, toComparisonSpec, type ComparisonSetup } from "./comparison-setup.ts";
import {
  comparisonFromSearch,
  comparisonToSearch,
  laneFromParam,
  laneToParam,
} from "./comparison-setup-url.ts";
import { hasComparisonErrors, validateComparison } from "./comparison-setup-validation.ts";
import { defaultSetup, setupFromSearch, type RunSetup } from "./setup.ts";

const run: RunSetup = {
  ...defaultSetup(),
  model: "steady:8b",
  prompt: "Why is the sky blue?",
  stream: true,
  think: "on",
  options: { ...defaultSetup().options, temperature: "0.7", num_ctx: "8192" },
  keepAlive: "5m",
};

const compare: ComparisonSetup = {
  view: "compare",
  lanes: [
    { model: "steady:8b", options: {} },
    {
      model: "thinker:14b",
      options: { temperature: "0.2" },
      stream: false,
      think: "off",
    },
    { model: "hf.co/org/model-v1.5-GGUF:Q4_K_M", options: { seed: "7", top_p: "0.9" } },
  ],
  repeats: "5",
  warmup: true,
  concurrent: true,
  unloadFirst: true,
  order: "stream-first",
};

const race: ComparisonSetup = {
  ...defaultComparison(),
  view: "race",
  repeats: "3",
  order: "block-first",
};

describe("comparison setup in the URL", () => {
  it("writes lanes as model;key=value params next to the run setup's params", () => {
    const search = comparisonToSearch(compare, run);
    const params = new URLSearchParams(search);
    expect(params.getAll("lane")).toEqual([
      "steady:8b",
      "thinker:14b;temperature=0.2;stream=0;think=off",
      "hf.co/org/model-v1.5-GGUF:Q4_K_M;seed=7;top_p=0.9",
    ]);
    expect(params.get("view")).toBe("compare");
    expect(params.get("repeats")).toBe("5");
    expect([params.get("warmup"), params.get("concurrent"), params.get("unload")]).toEqual([
      "1",
      "1",
      "1",
    ]);
    expect(params.has("order")).toBe(false);
    // The shared fields are the run setup's own params.
    expect(params.get("prompt")).toBe("Why is the sky blue?");
    expect(params.get("temperature")).toBe("0.7");
  });

  it("round-trips a compare setup, and the run setup from the same URL", () => {
    const search = comparisonToSearch(compare, run);
    expect(comparisonFromSearch(search, defaultComparison())).toEqual(compare);
    expect(setupFromSearch(search, defaultSetup())).toEqual(run);
  });

  it("round-trips a race setup, leaving lanes out and writing the order", () => {
    const search = comparisonToSearch(race, run);
    const params = new URLSearchParams(search);
    expect(params.has("lane")).toBe(false);
    expect(params.get("order")).toBe("block-first");
    expect(params.has("warmup")).toBe(false);
    expect(comparisonFromSearch(search, defaultComparison())).toEqual(race);
  });

  it("falls back for absent or unknown values, and reads warmup=0 as off", () => {
    const fallback = defaultComparison();
    const parsed = comparisonFromSearch("?view=table&order=sideways&warmup=0", {
      ...fallback,
      warmup: true,
    });
    expect(parsed).toEqual(fallback);
  });

  it("reads a hand-written lane: spaces, unknown keys and think values ignored", () => {
    expect(laneFromParam(" steady:8b ; top_k = 40 ;colour=red;think=maybe;stream=off")).toEqual({
      model: "steady:8b",
      options: { top_k: "40" },
      stream: false,
    });
    expect(laneFromParam("")).toEqual({ model: "", options: {} });
    expect(laneToParam({ model: "m", options: { seed: " " }, think: "unset" })).toBe(
      "m;think=unset",
    );
  });
});

describe("validateComparison", () => {
  it("accepts a valid compare or race setup", () => {
    expect(hasComparisonErrors(validateComparison(run, compare))).toBe(false);
    expect(hasComparisonErrors(validateComparison(run, race))).toBe(false);
  });

  it("wants 2 to 6 lanes", () => {
    const one = { ...compare, lanes: compare.lanes.slice(0, 1) };
    expect(validateComparison(run, one).lanes).toBe("Compare 2 to 6 lanes (now 1)");
    const seven = {
      ...compare,
      lanes: Array.from({ length: 7 }, () => ({ model: "m", options: {} })),
    };
    expect(validateComparison(run, seven).lanes).toBe("Compare 2 to 6 lanes (now 7)");
  });

  it.each(["0", "21", "2.5", "", "three"])("refuses %j repeats", (repeats) => {
    const errors = validateComparison(run, { ...compare, repeats });
    expect(errors.repeats).toBe("Repeats must be a whole number from 1 to 20");
    expect(hasComparisonErrors(errors)).toBe(true);
  });

  it("checks each lane's model and overrides by the run setup's rules", () => {
    const lanes = [
      { model: " ", options: {} },
      { model: "m", options: { temperature: "-1", top_p: "2", seed: "" } },
    ];
    const errors = validateComparison(run, { ...compare, lanes });
    expect(errors.lane).toEqual([
      { model: "Pick a model" },
      {
        temperature: "temperature must be a number ≥ 0, e.g. 0.7",
        top_p: "top_p must be a number from 0 to 1",
      },
    ]);
    expect(errors.shared).toEqual({});
  });

  it("reports the shared fields; the shared model only matters in the race", () => {
    const shared = { ...run, model: "", prompt: " ", options: { ...run.options, num_ctx: "0" } };
    expect(validateComparison(shared, compare).shared).toEqual({
      prompt: "Type a prompt",
      num_ctx: "num_ctx must be a whole number ≥ 1, e.g. 4096",
    });
    expect(validateComparison(shared, race).shared).toMatchObject({ model: "Pick a model" });
  });
});

describe("toComparisonSpec", () => {
  it("keeps the shared settings in base; each lane carries only its own overrides", () => {
    expect(toComparisonSpec(run, compare)).toEqual({
      base: {
        api: "chat",
        prompt: "Why is the sky blue?",
        system: undefined,
        think: "on",
        options: { temperature: 0.7, num_ctx: 8192 },
        keepAlive: "5m",
      },
      lanes: [
        { id: "a", model: "steady:8b", stream: true },
        {
          id: "b",
          model: "thinker:14b",
          stream: false,
          think: "off",
          options: { temperature: 0.2 },
        },
        {
          id: "c",
          model: "hf.co/org/model-v1.5-GGUF:Q4_K_M",
          stream: true,
          options: { seed: 7, top_p: 0.9 },
        },
      ],
      repeats: 5,
      warmup: true,
      concurrent: true,
      unloadFirst: true,
      idleTimeoutMs: 60_000,
    });
  });

  it("carries the idle timeout from the shared setting (0: none)", () => {
    expect(toComparisonSpec({ ...run, idleTimeout: "12" }, compare).idleTimeoutMs).toBe(12_000);
    expect(toComparisonSpec({ ...run, idleTimeout: "0" }, compare).idleTimeoutMs).toBeUndefined();
  });

  it("races the shared model streaming against blocking, in the chosen order", () => {
    expect(toComparisonSpec(run, race).lanes).toEqual([
      { id: "a", model: "steady:8b", stream: false },
      { id: "b", model: "steady:8b", stream: true },
    ]);
    expect(toComparisonSpec(run, { ...race, order: "stream-first" }).lanes).toEqual([
      { id: "a", model: "steady:8b", stream: true },
      { id: "b", model: "steady:8b", stream: false },
    ]);
  });
});

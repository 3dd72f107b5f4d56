import type { ComparisonSetup, LaneSetup } from "./comparison-setup.ts";
import { OPTION_KEYS, setupToSearch, THINK_SETTINGS, type RunSetup } from "./setup.ts";

const isOff = (value: string): boolean => ["0", "false", "off"].includes(value);

/**
 * Reads a lane param: the model first, then `key=value` overrides separated by `;`, e.g.
 * `thinker:14b;temperature=0.2;stream=0;think=off`. Unknown keys and think values are ignored.
 */
export function laneFromParam(value: string): LaneSetup {
  const [model = "", ...overrides] = value.split(";");
  const lane: LaneSetup = { model: model.trim(), options: {} };
  for (const override of overrides) {
    const at = override.indexOf("=");
    const key = (at === -1 ? override : override.slice(0, at)).trim();
    const text = at === -1 ? "" : override.slice(at + 1).trim();
    const option = OPTION_KEYS.find((name) => name === key);
    if (option) lane.options[option] = text;
    else if (key === "stream") lane.stream = !isOff(text);
    else if (key === "think") {
      const think = THINK_SETTINGS.find((setting) => setting === text);
      if (think) lane.think = think;
    }
  }
  return lane;
}

/** Writes a lane param (see {@link laneFromParam}), leaving out what is not overridden. */
export function laneToParam(lane: LaneSetup): string {
  const parts = [lane.model.trim()];
  for (const key of OPTION_KEYS) {
    const text = lane.options[key]?.trim() ?? "";
    if (text !== "") parts.push(`${key}=${text}`);
  }
  if (lane.stream !== undefined) parts.push(`stream=${lane.stream ? "1" : "0"}`);
  if (lane.think !== undefined) parts.push(`think=${lane.think}`);
  return parts.join(";");
}

/** Reads the comparison params (`view`, `lane`…, `repeats`, `warmup`, `concurrent`, `unload`, `order`). */
export function comparisonFromSearch(search: string, fallback: ComparisonSetup): ComparisonSetup {
  const params = new URLSearchParams(search);
  const flag = (key: string, value: boolean): boolean => {
    const text = params.get(key);
    return text === null ? value : !isOff(text);
  };
  const view = params.get("view");
  const order = params.get("order");
  const lanes = params.getAll("lane");
  return {
    view: view === "compare" || view === "race" ? view : fallback.view,
    lanes: lanes.length > 0 ? lanes.map(laneFromParam) : fallback.lanes,
    repeats: params.get("repeats") ?? fallback.repeats,
    warmup: flag("warmup", fallback.warmup),
    concurrent: flag("concurrent", fallback.concurrent),
    unloadFirst: flag("unload", fallback.unloadFirst),
    order: order === "stream-first" || order === "block-first" ? order : fallback.order,
  };
}

/**
 * One URL for both setups: the run setup's params (as `setupToSearch` writes them) followed by
 * the comparison's. Lanes are written in the compare view only, `order` in the race view only.
 */
export function comparisonToSearch(comparison: ComparisonSetup, setup: RunSetup): string {
  const params = new URLSearchParams(setupToSearch(setup));
  params.set("view", comparison.view);
  if (comparison.view === "compare")
    for (const lane of comparison.lanes) params.append("lane", laneToParam(lane));
  if (comparison.repeats.trim() !== "") params.set("repeats", comparison.repeats.trim());
  if (comparison.warmup) params.set("warmup", "1");
  if (comparison.concurrent) params.set("concurrent", "1");
  if (comparison.unloadFirst) params.set("unload", "1");
  if (comparison.view === "race") params.set("order", comparison.order);
  return `?${params.toString()}`;
}

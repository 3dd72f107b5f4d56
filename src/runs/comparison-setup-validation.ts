import { MAX_LANES, MAX_REPEATS, MIN_LANES, type ComparisonSetup } from "./comparison-setup.ts";
import {
  OPTION_KEYS,
  validateSetup,
  type OptionKey,
  type RunSetup,
  type SetupErrors,
} from "./setup.ts";

/** A lane's errors, by field: its model and its option overrides. */
export type LaneErrors = Partial<Record<"model" | OptionKey, string>>;

export interface ComparisonErrors {
  /**
   * The shared fields' errors, as `validateSetup` reports them; in the compare view without
   * `model` (each lane picks its own).
   */
  shared: SetupErrors;
  /** The number of lanes, compare view only. */
  lanes?: string;
  /** One entry per lane of the compare view, in order; `{}` for a lane without errors. */
  lane: LaneErrors[];
  repeats?: string;
}

/**
 * Checks a comparison before anything is sent: the shared run setup, 2 to 6 lanes (compare
 * view), each lane's model and option overrides (by the same rules as the run setup's options),
 * and repeats (a whole number from 1 to 20).
 */
export function validateComparison(setup: RunSetup, comparison: ComparisonSetup): ComparisonErrors {
  const compare = comparison.view === "compare";
  const shared = validateSetup(setup);
  if (compare) delete shared.model;
  const errors: ComparisonErrors = { shared, lane: [] };
  if (compare) {
    const count = comparison.lanes.length;
    if (count < MIN_LANES || count > MAX_LANES)
      errors.lanes = `Compare ${MIN_LANES} to ${MAX_LANES} lanes (now ${count})`;
    errors.lane = comparison.lanes.map((lane) => {
      // Every key is replaced: an override left empty uses the shared value, checked above.
      const options = { ...setup.options };
      for (const key of OPTION_KEYS) options[key] = lane.options[key] ?? "";
      // The run setup's own rules, applied to the lane's model and overrides.
      const found = validateSetup({ ...setup, model: lane.model, options });
      const laneErrors: LaneErrors = {};
      for (const key of ["model", ...OPTION_KEYS] as const) {
        const message = found[key];
        if (message !== undefined) laneErrors[key] = message;
      }
      return laneErrors;
    });
  }
  const repeatsText = comparison.repeats.trim();
  const repeats = Number(repeatsText);
  if (repeatsText === "" || !Number.isInteger(repeats) || repeats < 1 || repeats > MAX_REPEATS)
    errors.repeats = `Repeats must be a whole number from 1 to ${MAX_REPEATS}`;
  return errors;
}

/** Whether `validateComparison` found anything; a comparison with errors is never started. */
export function hasComparisonErrors(errors: ComparisonErrors): boolean {
  return (
    Object.keys(errors.shared).length > 0 ||
    errors.lanes !== undefined ||
    errors.repeats !== undefined ||
    errors.lane.some((lane) => Object.keys(lane).length > 0)
  );
}

import { useEffect, useState } from "react";
import { defaultComparison, type ComparisonSetup } from "../runs/comparison-setup.ts";
import { comparisonFromSearch, comparisonToSearch } from "../runs/comparison-setup-url.ts";
import { defaultSetup, setupFromSearch, setupToSearch, type RunSetup } from "../runs/setup.ts";

export type PageView = "run" | "compare" | "race";

export interface UrlState {
  view: PageView;
  setup: RunSetup;
  comparison: ComparisonSetup;
}

function read(defaultHost: string): UrlState {
  const search = window.location.search;
  const view = new URLSearchParams(search).get("view");
  return {
    view: view === "compare" || view === "race" ? view : "run",
    setup: setupFromSearch(search, defaultSetup(defaultHost)),
    comparison: comparisonFromSearch(search, defaultComparison()),
  };
}

/** Everything on the page that a link should reproduce, as the URL's query string. */
export function toSearch(state: UrlState): string {
  return state.view === "run"
    ? setupToSearch(state.setup)
    : comparisonToSearch({ ...state.comparison, view: state.view }, state.setup);
}

/** The page's setup, read from the URL once and written back to it (replaceState) as it changes. */
export function useUrlState(defaultHost: string): [UrlState, (state: UrlState) => void] {
  const [state, setState] = useState<UrlState>(() => read(defaultHost));
  useEffect(() => {
    const search = toSearch(state);
    if (search !== window.location.search) {
      window.history.replaceState(null, "", `${window.location.pathname}${search}`);
    }
  }, [state]);
  return [state, setState];
}

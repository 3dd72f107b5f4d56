import { useEffect, useState } from "react";
import { defaultSetup, setupFromSearch, setupToSearch, type RunSetup } from "../runs/setup.ts";

/** The run setup, read from the page URL once and written back to it (replaceState) as it changes. */
export function useUrlSetup(defaultHost: string): [RunSetup, (setup: RunSetup) => void] {
  const [setup, setSetup] = useState<RunSetup>(() =>
    setupFromSearch(window.location.search, defaultSetup(defaultHost)),
  );
  useEffect(() => {
    const search = setupToSearch(setup);
    if (search !== window.location.search) {
      window.history.replaceState(null, "", `${window.location.pathname}${search}`);
    }
  }, [setup]);
  return [setup, setSetup];
}

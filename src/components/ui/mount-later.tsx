import { startTransition, useEffect, useState, type ReactNode } from "react";

/**
 * Shows `fallback` (give it the children's size) and mounts `children` in a transition right
 * after. A chart that would mount as part of a click (Run shows the comparison's charts) is then
 * rendered in slices between frames instead of inside the click's task, which is what showed up as
 * the one long task of a four-lane run.
 */
export function MountLater(props: { fallback: ReactNode; children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    startTransition(() => setReady(true));
  }, []);
  return ready ? props.children : props.fallback;
}

import { useCallback, useEffect, useRef, type RefObject } from "react";

/** How close to the end (px) still counts as "at the end": a reader a line away is following. */
const FOLLOW_SLACK_PX = 24;

/** Boxes to scroll to their end once this frame's writes are done. */
const pending = new Set<HTMLElement>();

function scrollPending(): void {
  // The first scrollHeight read lays the page out once; setting scrollTop does not dirty layout,
  // so every other box reads a clean layout.
  for (const box of pending) box.scrollTop = box.scrollHeight;
  pending.clear();
}

/** Whether `box` is scrolled to its end (within {@link FOLLOW_SLACK_PX}). */
export function isAtEnd(box: HTMLElement): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight < FOLLOW_SLACK_PX;
}

/**
 * Keeps a scroll box at its end while content is added, unless the reader scrolled up, without
 * measuring the box on every change. Whether the reader is at the end is read in scroll events
 * (the layout is clean then); the scrolling itself is queued and done for every box at once after
 * the current task's DOM writes, so several streaming outputs (the lanes of a comparison) cost one
 * layout a frame, not two each.
 *
 * Returns `contentChanged`, to call after adding to (or replacing) the box's content.
 */
export function useFollowEnd(boxRef: RefObject<HTMLElement | null>): () => void {
  const following = useRef(true);
  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const onScroll = (): void => {
      following.current = isAtEnd(box);
    };
    box.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      box.removeEventListener("scroll", onScroll);
      pending.delete(box);
    };
  }, [boxRef]);
  return useCallback(() => {
    const box = boxRef.current;
    if (!box || !following.current) return;
    if (pending.size === 0) queueMicrotask(scrollPending);
    pending.add(box);
  }, [boxRef]);
}

/** How close to the end (px) still counts as "at the end": a reader a line away is following. */
const FOLLOW_SLACK_PX = 24;

/**
 * Runs `change` (which adds content to `box`), and keeps `box` scrolled to its end if it was there
 * before: a reader who scrolled up to read stays where they are.
 */
export function followEnd(box: HTMLElement, change: () => void): void {
  const atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < FOLLOW_SLACK_PX;
  change();
  if (atEnd) box.scrollTop = box.scrollHeight;
}

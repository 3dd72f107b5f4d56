import { useEffect, useLayoutEffect, useRef } from "react";
import { performanceClock } from "../../runs/clock.ts";
import { OutputBox } from "../ui/output-box.tsx";
import { useFollowEnd } from "../ui/follow-end.ts";
import { IncrementalMarkdown } from "./incremental-markdown.ts";
import "./markdown.css";

/** Least time between two renders while the answer streams (at most 4 renders a second). */
const RENDER_INTERVAL_MS = 250;
/** A render that took d ms waits at least this many times d before the next: ≤ 20% of the thread. */
const COST_FACTOR = 4;

/**
 * The answer rendered as Markdown (see render-markdown.ts for what is kept and what is not).
 * While the run is live it updates at most every {@link RENDER_INTERVAL_MS} (longer after a costly
 * render, see {@link COST_FACTOR}), on the leading and trailing edge, and only the last block is
 * rendered again (incremental-markdown.ts); once the run ends the whole answer is rendered once.
 * Stays scrolled to the bottom unless the reader scrolled up.
 */
export function MarkdownOutput(props: {
  label: string;
  text: string;
  runId: number;
  /** The run is still streaming: throttle, and close unterminated syntax at the end. */
  live: boolean;
  placeholder?: string;
  className?: string;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const contentChanged = useFollowEnd(boxRef);
  const rendererRef = useRef<IncrementalMarkdown | null>(null);
  const latest = useRef({ text: props.text, live: props.live });
  const throttle = useRef<{
    timer?: ReturnType<typeof setTimeout>;
    dirty: boolean;
    lastCostMs: number;
  }>({ dirty: false, lastCostMs: 0 });

  useLayoutEffect(() => {
    latest.current = { text: props.text, live: props.live };
    const state = throttle.current;
    const draw = (): void => {
      const box = boxRef.current;
      const content = contentRef.current;
      if (!box || !content) return;
      const started = performanceClock.now();
      const renderer = (rendererRef.current ??= new IncrementalMarkdown(content));
      const { text, live } = latest.current;
      if (live) renderer.update(text);
      else renderer.finish(text);
      contentChanged();
      state.lastCostMs = performanceClock.now() - started;
    };
    const coolDown = (): void => {
      state.timer = setTimeout(
        () => {
          state.timer = undefined;
          if (state.dirty) {
            state.dirty = false;
            draw();
            coolDown();
          }
        },
        Math.max(RENDER_INTERVAL_MS, COST_FACTOR * state.lastCostMs),
      );
    };
    if (!props.live) {
      // The final text (or a text that is not streaming): render now, and cancel what is pending.
      clearTimeout(state.timer);
      state.timer = undefined;
      state.dirty = false;
      draw();
    } else if (state.timer === undefined) {
      draw();
      coolDown();
    } else {
      state.dirty = true;
    }
  }, [props.text, props.live, props.runId, contentChanged]);

  useEffect(() => {
    const state = throttle.current;
    return () => clearTimeout(state.timer);
  }, []);

  return (
    <OutputBox
      ref={boxRef}
      label={props.label}
      empty={props.text === ""}
      placeholder={props.placeholder}
      className={props.className}
    >
      <div ref={contentRef} className="markdown-body" />
    </OutputBox>
  );
}

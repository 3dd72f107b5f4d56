import { useLayoutEffect, useRef } from "react";
import { cn } from "../ui/cn.ts";
import { useFollowEnd } from "../ui/follow-end.ts";
import { AppendOnlyText } from "./append-only-text.ts";

/**
 * Streamed text, shown as plain text (model output is untrusted: never parsed as HTML).
 * Only the new part is appended, in blocks (see append-only-text.ts), so a 300 kB answer is neither
 * re-rendered nor re-laid-out whole every frame. Stays scrolled to the bottom unless the reader
 * scrolled up.
 */
export function TokenOutput(props: {
  label: string;
  text: string;
  runId: number;
  placeholder?: string;
  className?: string;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<AppendOnlyText | null>(null);
  const shown = useRef({ runId: -1, length: 0 });
  const contentChanged = useFollowEnd(boxRef);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const pre = box.firstElementChild;
    if (!pre) return;
    if (!(pre instanceof HTMLElement)) return;
    textRef.current ??= new AppendOnlyText(pre);
    const output = textRef.current;
    if (shown.current.runId !== props.runId || props.text.length < shown.current.length) {
      output.reset(props.text);
    } else if (props.text.length > shown.current.length) {
      output.append(props.text.slice(shown.current.length));
    } else {
      return;
    }
    shown.current = { runId: props.runId, length: props.text.length };
    contentChanged();
  }, [props.text, props.runId, contentChanged]);

  return (
    <div
      ref={boxRef}
      role="region"
      aria-label={props.label}
      tabIndex={0}
      className={cn(
        // Layout and paint stay inside the box: text added here re-lays out this box only.
        "relative overflow-auto rounded-lg bg-slate-50 p-3 [contain:content] dark:bg-slate-950/60",
        props.className,
      )}
    >
      <pre className="font-sans text-[15px] leading-relaxed break-words whitespace-pre-wrap text-slate-800 dark:text-slate-100" />
      {props.text === "" && props.placeholder && (
        <p className="pointer-events-none absolute inset-3 text-sm text-slate-400 dark:text-slate-500">
          {props.placeholder}
        </p>
      )}
    </div>
  );
}

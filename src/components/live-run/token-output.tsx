import { useLayoutEffect, useRef } from "react";
import { OutputBox } from "../ui/output-box.tsx";
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
    <OutputBox
      ref={boxRef}
      label={props.label}
      empty={props.text === ""}
      placeholder={props.placeholder}
      className={props.className}
    >
      <pre className="font-sans text-[15px] leading-relaxed break-words whitespace-pre-wrap text-slate-800 dark:text-slate-100" />
    </OutputBox>
  );
}

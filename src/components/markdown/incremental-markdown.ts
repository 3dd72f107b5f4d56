/**
 * Renders a growing Markdown text into a container without redoing the whole answer each time.
 * Blocks that can no longer change (all but the last, see {@link splitSettled}) are rendered once
 * and kept; only the last block is replaced on each update. {@link IncrementalMarkdown.finish}
 * renders the complete text once more in one piece, so the end result is exactly a full render
 * (reference-style links defined in an earlier block resolve only then).
 */
import { renderMarkdown, splitSettled } from "./render-markdown.ts";

export class IncrementalMarkdown {
  /** The text the container shows. */
  private shown = "";
  /** Length of the prefix of `shown` rendered as settled blocks. */
  private settledLength = 0;
  /** The nodes of the last, unsettled block. */
  private tailNodes: ChildNode[] = [];
  /** `finish` rendered the whole text: the next update starts over. */
  private complete = false;

  constructor(private readonly container: Element) {}

  /** Shows `text`, a longer version of the last text (otherwise it starts over). */
  update(text: string): void {
    if (this.complete || !text.startsWith(this.shown)) this.clear();
    const rest = text.slice(this.settledLength);
    const split = splitSettled(rest);
    for (const node of this.tailNodes) node.remove();
    if (split === undefined) {
      // The blocks do not add up to the text (a bare "- " at the end, "\r\n"): settle nothing new.
      this.appendTail(rest);
    } else {
      if (split.settled !== "") {
        this.container.append(renderMarkdown(split.settled, false));
        this.settledLength += split.settled.length;
      }
      this.appendTail(split.tail);
    }
    this.shown = text;
  }

  /** Shows the complete `text`, rendered in one piece. */
  finish(text: string): void {
    this.container.replaceChildren(renderMarkdown(text, false));
    this.shown = text;
    this.settledLength = text.length;
    this.tailNodes = [];
    this.complete = true;
  }

  clear(): void {
    this.container.replaceChildren();
    this.shown = "";
    this.settledLength = 0;
    this.tailNodes = [];
    this.complete = false;
  }

  private appendTail(tail: string): void {
    const fragment = renderMarkdown(tail, true);
    this.tailNodes = [...fragment.childNodes];
    this.container.append(fragment);
  }
}

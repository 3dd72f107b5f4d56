/** A new block starts at the first line break after this many characters. */
const BLOCK_CHARS = 2048;
/** A block this long with no line break in sight is cut at a space anyway. */
const HARD_BLOCK_CHARS = 32_768;

/**
 * Appends streamed text to an element in blocks of about 2 kB, cut after a line break, so the
 * browser lays out only the last block when text arrives instead of one ever-growing text node
 * (whose re-layout grows with the answer). Finished blocks get `content-visibility: auto`, so
 * those scrolled out of view cost nothing to render. The element's textContent stays exactly the
 * text (the line break stays at the end of its block).
 */
export class AppendOnlyText {
  private node: Text | null = null;
  private nodeLength = 0;

  constructor(private readonly root: HTMLElement) {}

  reset(text: string): void {
    this.root.replaceChildren();
    this.node = null;
    this.nodeLength = 0;
    this.append(text);
  }

  append(text: string): void {
    let rest = text;
    while (rest !== "") {
      const node = this.node ?? this.startBlock();
      let cut = -1;
      if (this.nodeLength + rest.length > BLOCK_CHARS) {
        const from = Math.max(0, BLOCK_CHARS - this.nodeLength);
        cut = rest.indexOf("\n", from);
        if (cut === -1 && this.nodeLength + rest.length > HARD_BLOCK_CHARS) {
          cut = rest.indexOf(" ", Math.max(0, HARD_BLOCK_CHARS - this.nodeLength));
        }
      }
      if (cut === -1) {
        node.appendData(rest);
        this.nodeLength += rest.length;
        return;
      }
      node.appendData(rest.slice(0, cut + 1));
      this.finishBlock();
      rest = rest.slice(cut + 1);
    }
  }

  private startBlock(): Text {
    const block = document.createElement("span");
    block.style.display = "block";
    const node = document.createTextNode("");
    block.appendChild(node);
    this.root.appendChild(block);
    this.node = node;
    this.nodeLength = 0;
    return node;
  }

  private finishBlock(): void {
    const block = this.node?.parentElement;
    if (block) {
      block.style.contentVisibility = "auto";
      block.style.containIntrinsicSize = "auto 20rem";
    }
    this.node = null;
    this.nodeLength = 0;
  }
}

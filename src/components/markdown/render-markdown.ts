/**
 * Model output (untrusted) to a safe DOM fragment: marked parses the Markdown with a renderer that
 * never passes raw HTML through, and DOMPurify then keeps only an allow-list of plain elements.
 *
 * - Raw HTML in the text is shown as text (escaped), never inserted: nothing is lost.
 * - Links keep only absolute http:, https: and mailto: targets and open in a new tab with
 *   `rel="noopener noreferrer"`; any other link shows as its text.
 * - Images are never loaded (no request leaves for a host the text names): a placeholder shows the
 *   alt text instead.
 * - Tables sit in their own horizontally scrolling box.
 */
import DOMPurify from "dompurify";
import { Marked, type Tokens } from "marked";
import remend from "remend";

const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** The href to use for a link target, or undefined when it is not absolute http(s) or mailto. */
export function safeHref(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined; // relative or not a URL
  }
  return ALLOWED_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const markdown = new Marked({ gfm: true, breaks: false, async: false });
markdown.use({
  renderer: {
    html({ text, block }: Tokens.HTML | Tokens.Tag): string {
      const shown = escapeHtml(text);
      return block
        ? `<p class="md-raw-html">${shown}</p>`
        : `<span class="md-raw-html">${shown}</span>`;
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      const target = safeHref(href);
      if (target === undefined) {
        return `<span class="md-blocked-link" title="${escapeHtml(`Link not followed: ${href}`)}">${inner}</span>`;
      }
      const titleAttribute = title ? ` title="${escapeHtml(title)}"` : "";
      return `<a href="${escapeHtml(target)}"${titleAttribute}>${inner}</a>`;
    },
    image({ href, text }: Tokens.Image): string {
      const label = text === "" ? "image" : `image: ${text}`;
      return `<span class="md-image" title="${escapeHtml(`Not loaded: ${href}`)}">[${escapeHtml(label)}]</span>`;
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? "☑ " : "☐ ";
    },
  },
});

const ALLOWED_TAGS = [
  "p",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "span",
  "div",
];
const ALLOWED_ATTR = ["href", "title", "class", "align", "start"];

const purifier = DOMPurify();
purifier.addHook("afterSanitizeAttributes", (node) => {
  if (node.nodeName === "A" && node.hasAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

/**
 * Splits Markdown at its last top-level block: `settled` is every block before it (text appended
 * later cannot change how those parse), `tail` the last block and any blank lines after it.
 * Undefined when the blocks do not add up to the text (marked normalises `\r\n`, and a bare
 * "- " at the end), so the caller settles nothing this time.
 */
export function splitSettled(text: string): { settled: string; tail: string } | undefined {
  const tokens = markdown.lexer(text);
  if (tokens.map((token) => token.raw).join("") !== text) return undefined;
  let last = tokens.length - 1;
  while (last > 0 && tokens[last]?.type === "space") last -= 1;
  const settled = tokens
    .slice(0, Math.max(last, 0))
    .map((token) => token.raw)
    .join("");
  return { settled, tail: text.slice(settled.length) };
}

/**
 * Renders `text` as Markdown into a fragment ready to insert. While `streaming`, unterminated
 * syntax at the end (`**bold`, an open link, a half tag) is closed first (remend), so the partial
 * answer does not flicker between forms.
 */
export function renderMarkdown(text: string, streaming: boolean): DocumentFragment {
  const source = streaming ? remend(text, { linkMode: "text-only" }) : text;
  const html = markdown.parse(source, { async: false });
  const fragment = purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  // A link whose target the sanitizer removed becomes its text.
  for (const link of fragment.querySelectorAll("a:not([href])")) {
    link.replaceWith(...link.childNodes);
  }
  for (const table of fragment.querySelectorAll("table")) {
    const box = table.ownerDocument.createElement("div");
    box.className = "md-table";
    table.replaceWith(box);
    box.appendChild(table);
  }
  return fragment;
}

/**
 * b. Bundle size: `vite build` into a temporary outDir; gzip size of what index.html loads at once
 * (its module scripts, modulepreloads and stylesheets) against all JS, and the lazy chunks.
 */
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { runToEnd } from "./proc.ts";
import { table } from "./table.ts";

export interface BundleFile {
  file: string;
  bytes: number;
  gzip: number;
  initial: boolean;
}

export interface BundleResult {
  files: BundleFile[];
}

/** Builds the production bundle into a new temporary folder and returns its path. */
export async function buildInto(dir?: string): Promise<string> {
  const outDir = dir ?? (await mkdtemp(join(tmpdir(), "tokenscope-bench-")));
  await runToEnd("node_modules/.bin/vite", [
    "build",
    "--outDir",
    outDir,
    "--emptyOutDir",
    "--logLevel",
    "error",
  ]);
  return outDir;
}

/** The asset paths index.html loads at once: module scripts, modulepreloads, stylesheets. */
export function initialAssets(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g))
    if (match[1]) found.push(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? "";
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && (rel === "modulepreload" || rel === "stylesheet")) found.push(href);
  }
  return found.map((p) => p.replace(/^\//, ""));
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

export async function measureBundle(outDir: string): Promise<BundleResult> {
  const html = await readFile(join(outDir, "index.html"), "utf8");
  const initial = new Set(initialAssets(html));
  const files: BundleFile[] = [];
  for (const file of await listFiles(outDir)) {
    if (!/\.(js|css)$/.test(file)) continue;
    const content = await readFile(join(outDir, file));
    const { size } = await stat(join(outDir, file));
    files.push({
      file,
      bytes: size,
      gzip: gzipSync(content, { level: 9 }).length,
      initial: initial.has(file),
    });
  }
  files.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
  return { files };
}

export async function runBundleBench(): Promise<BundleResult> {
  const outDir = await buildInto();
  try {
    return await measureBundle(outDir);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

export function bundleMarkdown(result: BundleResult): string {
  const sum = (files: BundleFile[], key: "bytes" | "gzip"): number =>
    files.reduce((total, f) => total + f[key], 0);
  const js = result.files.filter((f) => f.file.endsWith(".js"));
  const initialJs = js.filter((f) => f.initial);
  const initialCss = result.files.filter((f) => f.initial && f.file.endsWith(".css"));
  const lazy = js.filter((f) => !f.initial && !f.file.includes("worker"));
  const summary = table(
    ["What", "Files", "Raw", "gzip -9"],
    [
      [
        "JS loaded by index.html",
        String(initialJs.length),
        kb(sum(initialJs, "bytes")),
        kb(sum(initialJs, "gzip")),
      ],
      [
        "CSS loaded by index.html",
        String(initialCss.length),
        kb(sum(initialCss, "bytes")),
        kb(sum(initialCss, "gzip")),
      ],
      [
        "All JS (incl. lazy chunks and workers)",
        String(js.length),
        kb(sum(js, "bytes")),
        kb(sum(js, "gzip")),
      ],
    ],
  );
  const detail = table(
    ["File", "Loaded", "Raw", "gzip -9"],
    result.files.map((f) => [
      `\`${f.file}\``,
      f.initial
        ? "at once (index.html)"
        : f.file.includes("worker")
          ? "Web Worker (own file, started by the app)"
          : "lazy (dynamic import)",
      kb(f.bytes),
      kb(f.gzip),
    ]),
  );
  return [
    summary,
    "",
    detail,
    "",
    `Lazy JS chunks: ${lazy.map((f) => `\`${f.file}\``).join(", ") || "none"}.`,
  ].join("\n");
}

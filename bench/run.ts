/**
 * `npm run bench` (not part of `npm test`): runs the parts in turn, prints one Markdown table per
 * part and writes them all to bench-results/latest.md. `npm run bench -- reader bundle` runs only
 * the parts named (reader, bundle, browser).
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { browserMarkdown, runBrowserBench } from "./browser.ts";
import { bundleMarkdown, runBundleBench } from "./bundle.ts";
import { killChildren } from "./proc.ts";
import { readerMarkdown, runReaderBench } from "./reader.ts";

interface Part {
  key: string;
  title: string;
  run: () => Promise<string>;
}

const PARTS: readonly Part[] = [
  {
    key: "reader",
    title: "a. Stream reader throughput (Node)",
    run: async () => readerMarkdown(await runReaderBench()),
  },
  {
    key: "bundle",
    title: "b. Production bundle size",
    run: async () => bundleMarkdown(await runBundleBench()),
  },
  {
    key: "browser",
    title: "c. Browser against the simulator",
    run: async () => browserMarkdown(await runBrowserBench()),
  },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const parts = wanted.length === 0 ? PARTS : PARTS.filter((p) => wanted.includes(p.key));
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const sections: string[] = [
    "# Tokenscope benchmark",
    "",
    `${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length} × ${cpu} · ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM · \`npm run bench\``,
  ];
  let failed = false;
  for (const part of parts) {
    console.error(`bench: ${part.title} …`);
    const t0 = performance.now();
    let body: string;
    try {
      body = await part.run();
    } catch (error: unknown) {
      failed = true;
      body = `FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    }
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const section = `## ${part.title}\n\n${body}\n\n(${seconds} s)`;
    console.log(`\n${section}`);
    sections.push("", section);
  }
  await mkdir("bench-results", { recursive: true });
  await writeFile("bench-results/latest.md", sections.join("\n") + "\n");
  console.error("bench: wrote bench-results/latest.md");
  if (failed) process.exitCode = 1;
}

// Every server started is killed by its handle, whatever happens.
process.once("SIGINT", () => void killChildren().finally(() => process.exit(130)));
process.once("SIGTERM", () => void killChildren().finally(() => process.exit(143)));
try {
  await main();
} finally {
  await killChildren();
}

import { spawn } from "node:child_process";
import { expect, test } from "vitest";

const tsx = new URL("../node_modules/.bin/tsx", import.meta.url).pathname;
const main = new URL("./main.ts", import.meta.url).pathname;

test("the CLI prints one line, serves, and exits cleanly on SIGTERM", async () => {
  const child = spawn(tsx, [main, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    let output = "";
    child.stdout.setEncoding("utf8");
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: string) => {
        output += chunk;
        if (output.includes("\n")) resolve(output.slice(0, output.indexOf("\n")));
      });
      child.once("exit", () => reject(new Error(`exited early: ${output}`)));
    });
    const match = /^Simulated Ollama listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    expect(match).not.toBeNull();
    const response = await fetch(`${match?.[1] ?? ""}/`);
    expect(await response.text()).toBe("Ollama is running");
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output.trim().split("\n")).toHaveLength(1);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}, 20_000);

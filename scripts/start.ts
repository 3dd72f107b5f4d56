/**
 * `npm start`: the simulated Ollama on 127.0.0.1:11435 and the dashboard (Vite) on 127.0.0.1:5173.
 * The dashboard talks to a real Ollama on :11434 by default; the simulator is one click away.
 */
import { spawn, type ChildProcess } from "node:child_process";

const SIM_PORT = process.env.SIM_PORT ?? "11435";
const WEB_PORT = process.env.PORT ?? "5173";
const bin = (name: string) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

const children: ChildProcess[] = [];
function run(name: string, command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(command, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...extraEnv },
  });
  child.on("exit", (code) => {
    console.log(`${name} exited (${code ?? "signal"}); stopping.`);
    shutdown(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 300);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

run("simulator", bin("tsx"), ["sim/main.ts", "--port", SIM_PORT]);
run(
  "dashboard",
  bin("vite"),
  ["--host", "127.0.0.1", "--port", WEB_PORT, "--strictPort", "--clearScreen", "false"],
  {
    VITE_SIM_URL: `http://127.0.0.1:${SIM_PORT}`,
  },
);

setTimeout(() => {
  console.log(
    [
      "",
      `  Tokenscope:        http://127.0.0.1:${WEB_PORT}/`,
      `  Simulated Ollama:  http://127.0.0.1:${SIM_PORT}  (open http://127.0.0.1:${WEB_PORT}/?host=http://127.0.0.1:${SIM_PORT} to use it)`,
      "  Real Ollama:       http://localhost:11434 (the default)",
      "  Ctrl+C stops both.",
      "",
    ].join("\n"),
  );
}, 1500);

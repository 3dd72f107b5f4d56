/**
 * `tsx sim/main.ts [--port 11435] [--host 127.0.0.1]`: runs the simulated Ollama until SIGINT/SIGTERM.
 * The port also comes from SIM_PORT.
 */
import { startSimulator } from "./server.ts";

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = args[index] ?? "";
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[index + 1];
}

const rawPort = argument("port") ?? process.env.SIM_PORT ?? "11435";
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${rawPort}`);
  process.exit(2);
}

const simulator = await startSimulator({ port, host: argument("host") ?? "127.0.0.1" });
console.log(`Simulated Ollama listening on ${simulator.url}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void simulator.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

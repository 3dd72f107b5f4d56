/**
 * Ollama's CORS (gin-contrib/cors v1.7.2 with Ollama's config) and its Host-header check
 * (allowedHostsMiddleware), as pure decisions the server applies before routing.
 */
import { BlockList, isIP } from "node:net";
import { hostname, networkInterfaces } from "node:os";

const DEFAULT_ORIGINS = [
  "http://localhost",
  "https://localhost",
  "http://localhost:*",
  "https://localhost:*",
  "http://127.0.0.1",
  "https://127.0.0.1",
  "http://127.0.0.1:*",
  "https://127.0.0.1:*",
  "http://0.0.0.0",
  "https://0.0.0.0",
  "http://0.0.0.0:*",
  "https://0.0.0.0:*",
  "app://*",
  "file://*",
  "tauri://*",
  "vscode-webview://*",
  "vscode-file://*",
];

const ALLOWED_SCHEMES = [
  "http://",
  "https://",
  "chrome-extension://",
  "safari-extension://",
  "moz-extension://",
  "ms-browser-extension://",
];

export const ALLOW_METHODS = "GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS";
export const ALLOW_HEADERS = [
  "Authorization",
  "Content-Type",
  "User-Agent",
  "Accept",
  "X-Requested-With",
  "Openai-Beta",
  "X-Stainless-Arch",
  "X-Stainless-Async",
  "X-Stainless-Custom-Poll-Interval",
  "X-Stainless-Helper-Method",
  "X-Stainless-Lang",
  "X-Stainless-Os",
  "X-Stainless-Package-Version",
  "X-Stainless-Poll-Helper",
  "X-Stainless-Retry-Count",
  "X-Stainless-Runtime",
  "X-Stainless-Runtime-Version",
  "X-Stainless-Timeout",
].join(",");
export const MAX_AGE = "43200";

export interface CorsConfig {
  allowAll: boolean;
  /** Exact entries, lower-cased. */
  origins: string[];
  /** [prefix, suffix] pairs from entries with one `*` ("*" on either side means "anything"). */
  wildcards: [string, string][];
}

/**
 * The allow-list: OLLAMA_ORIGINS entries first (split on ",", untrimmed), then the defaults.
 * Throws where gin-contrib/cors would panic at startup.
 */
export function corsConfig(
  ollamaOrigins: string | undefined = process.env.OLLAMA_ORIGINS,
): CorsConfig {
  const entries = [...(ollamaOrigins ? ollamaOrigins.split(",") : []), ...DEFAULT_ORIGINS];
  const config: CorsConfig = { allowAll: false, origins: [], wildcards: [] };
  // Config.Validate stops at the first "*"; entries before it must be valid.
  let validating = true;
  for (const entry of entries) {
    const stars = entry.split("*").length - 1;
    if (entry === "*") {
      config.allowAll = true;
      validating = false;
      continue;
    }
    const knownScheme = ALLOWED_SCHEMES.some((scheme) => entry.startsWith(scheme));
    if (validating && stars === 0 && !knownScheme) {
      throw new Error(
        `bad origin: origins must contain '*' or include ${ALLOWED_SCHEMES.join(",")} (${JSON.stringify(entry)})`,
      );
    }
    if (stars > 1) throw new Error("only one * is allowed");
    config.origins.push(entry.toLowerCase());
    if (stars === 1) {
      const at = entry.indexOf("*");
      if (at === 0) config.wildcards.push(["*", entry.slice(1)]);
      else if (at === entry.length - 1) config.wildcards.push([entry.slice(0, at), "*"]);
      else config.wildcards.push([entry.slice(0, at), entry.slice(at + 1)]);
    }
  }
  return config;
}

export function originAllowed(config: CorsConfig, origin: string): boolean {
  if (config.allowAll) return true;
  if (config.origins.includes(origin)) return true;
  return config.wildcards.some(
    ([prefix, suffix]) =>
      (prefix === "*" && origin.endsWith(suffix)) ||
      (suffix === "*" && origin.startsWith(prefix)) ||
      (origin.startsWith(prefix) && origin.endsWith(suffix)),
  );
}

export type HeaderList = [string, string | string[]][];

export type CorsDecision =
  | { kind: "continue"; headers: HeaderList }
  | { kind: "forbidden" }
  | { kind: "preflight"; headers: HeaderList };

/** What the CORS middleware does with a request. */
export function decideCors(
  config: CorsConfig,
  method: string,
  origin: string | undefined,
  host: string,
): CorsDecision {
  if (origin === undefined || origin === "") return { kind: "continue", headers: [] };
  if (origin === `http://${host}` || origin === `https://${host}`) {
    return { kind: "continue", headers: [] };
  }
  if (!originAllowed(config, origin)) return { kind: "forbidden" };
  const allowOrigin = config.allowAll ? "*" : origin;
  if (method === "OPTIONS") {
    const headers: HeaderList = [
      ["Access-Control-Allow-Methods", ALLOW_METHODS],
      ["Access-Control-Allow-Headers", ALLOW_HEADERS],
      ["Access-Control-Max-Age", MAX_AGE],
    ];
    if (!config.allowAll) {
      headers.push([
        "Vary",
        ["Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"],
      ]);
    }
    headers.push(["Access-Control-Allow-Origin", allowOrigin]);
    return { kind: "preflight", headers };
  }
  return {
    kind: "continue",
    headers: config.allowAll
      ? [["Access-Control-Allow-Origin", "*"]]
      : [
          ["Vary", "Origin"],
          ["Access-Control-Allow-Origin", origin],
        ],
  };
}

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");
const privateRanges = new BlockList();
privateRanges.addSubnet("10.0.0.0", 8, "ipv4");
privateRanges.addSubnet("172.16.0.0", 12, "ipv4");
privateRanges.addSubnet("192.168.0.0", 16, "ipv4");
privateRanges.addSubnet("fc00::", 7, "ipv6");

/** An IPv4-mapped IPv6 address is judged as the IPv4 address it carries (Go's netip unmaps). */
function unmap(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

function isLocalAddress(address: string): boolean {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? [])
      if (unmap(info.address.split("%")[0] ?? "") === address) return true;
  }
  return false;
}

function trustedIp(raw: string): boolean {
  const address = unmap(raw.split("%")[0] ?? raw);
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  if (address === "0.0.0.0" || address === "::") return true;
  return (
    loopback.check(address, type) || privateRanges.check(address, type) || isLocalAddress(address)
  );
}

function trustedName(host: string): boolean {
  const name = host.toLowerCase();
  if (name === "" || name === "localhost") return true;
  if (name === hostname().toLowerCase()) return true;
  return [".localhost", ".local", ".internal"].some((tld) => name.endsWith(tld));
}

/** Go's net.SplitHostPort, enough for a Host header: the host part, or undefined if there is no port. */
function splitHostPort(hostHeader: string): string | undefined {
  if (hostHeader.startsWith("[")) {
    const match = /^\[([^\]]*)\]:(\d*)$/.exec(hostHeader);
    return match?.[1];
  }
  const colon = hostHeader.lastIndexOf(":");
  if (colon < 0 || hostHeader.indexOf(":") !== colon) return undefined;
  return hostHeader.slice(0, colon);
}

export type HostDecision = "continue" | "forbidden" | "options-no-content";

/** allowedHostsMiddleware: only for a loopback listener; DNS-rebinding guard on the Host header. */
export function decideHost(
  hostHeader: string,
  method: string,
  loopbackListener: boolean,
): HostDecision {
  if (!loopbackListener) return "continue";
  const host = splitHostPort(hostHeader) ?? hostHeader;
  if (trustedIp(host)) return "continue";
  if (trustedName(host)) return method === "OPTIONS" ? "options-no-content" : "continue";
  return "forbidden";
}

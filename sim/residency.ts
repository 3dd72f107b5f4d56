/**
 * Which models are loaded, like Ollama's scheduler: a cold model takes its load time (shared by
 * requests that arrive while it loads), stays loaded for keep_alive after its last request (default
 * 5m, 0 = unload when idle, "forever" = year ~2318), and is listed by /api/ps.
 */
import { epochNs, hrNow, sleep } from "./clock.ts";
import { MAX_DURATION_NS } from "./gotime.ts";
import type { Scenario } from "./scenarios.ts";

export const DEFAULT_KEEP_ALIVE_NS = 300_000_000_000n;
export const DEFAULT_CONTEXT_LENGTH = 4096;
/** setTimeout's largest delay; longer lifetimes are re-armed in steps. */
const MAX_TIMER_MS = 2_147_483_647;

interface Resident {
  scenario: Scenario;
  sessionNs: bigint;
  refCount: number;
  /** Monotonic ns when an idle model unloads; undefined while in use. */
  expiresAtHr?: bigint;
  timer?: NodeJS.Timeout;
  contextLength: number;
}

export interface ResidentInfo {
  scenario: Scenario;
  /** Wall-clock ns since the epoch. */
  expiresAtNs: bigint;
  contextLength: number;
  inUse: boolean;
}

export type AcquireResult = "ok" | "failed" | "aborted";

function addCapped(hr: bigint, sessionNs: bigint): bigint {
  return sessionNs >= MAX_DURATION_NS ? hr + MAX_DURATION_NS : hr + sessionNs;
}

export class Residency {
  private readonly resident = new Map<string, Resident>();
  private readonly loading = new Map<string, Promise<boolean>>();
  private readonly shutdown = new AbortController();

  /**
   * Takes a reference on the model, loading it first when cold. A warm model still costs `warmMs`
   * (a real wait). Aborting `signal` stops the wait but not a load already under way.
   */
  async acquire(
    scenario: Scenario,
    sessionNs: bigint,
    numCtx: number | undefined,
    warmMs: number,
    signal: AbortSignal,
  ): Promise<AcquireResult> {
    for (;;) {
      const model = this.resident.get(scenario.name);
      if (model) {
        this.take(model, sessionNs);
        if (await sleep(warmMs, signal)) return "ok";
        this.release(scenario.name);
        return "aborted";
      }
      const loading =
        this.loading.get(scenario.name) ?? this.startLoad(scenario, sessionNs, numCtx);
      const outcome = await Promise.race([
        loading.then((loaded) => (loaded ? "loaded" : "failed")),
        new Promise<"aborted">((resolve) => {
          if (signal.aborted) resolve("aborted");
          signal.addEventListener("abort", () => resolve("aborted"), { once: true });
        }),
      ]);
      if (outcome === "aborted") return "aborted";
      if (outcome === "failed") return "failed";
    }
  }

  private startLoad(
    scenario: Scenario,
    sessionNs: bigint,
    numCtx: number | undefined,
  ): Promise<boolean> {
    const load = sleep(scenario.loadMs, this.shutdown.signal).then((elapsed) => {
      this.loading.delete(scenario.name);
      if (!elapsed || scenario.loadError !== undefined) return false;
      const model: Resident = {
        scenario,
        sessionNs,
        refCount: 0,
        contextLength: numCtx !== undefined && numCtx > 0 ? numCtx : DEFAULT_CONTEXT_LENGTH,
      };
      this.resident.set(scenario.name, model);
      // The waiting requests take it in the microtasks that follow; if none does (all aborted), the
      // keep_alive countdown runs from now (keep_alive 0: unloads on the next timer turn).
      model.expiresAtHr = addCapped(hrNow(), sessionNs);
      model.timer = setTimeout(() => this.arm(model), 1);
      model.timer.unref();
      return true;
    });
    this.loading.set(scenario.name, load);
    return load;
  }

  private take(model: Resident, sessionNs: bigint): void {
    model.refCount++;
    model.sessionNs = sessionNs;
    model.expiresAtHr = undefined;
    clearTimeout(model.timer);
    model.timer = undefined;
  }

  /** Drops a reference; an idle model starts its keep_alive countdown (or unloads at once for 0). */
  release(name: string): void {
    const model = this.resident.get(name);
    if (!model) return;
    model.refCount = Math.max(0, model.refCount - 1);
    if (model.refCount === 0) this.idle(model);
  }

  private idle(model: Resident): void {
    if (model.sessionNs <= 0n) {
      this.drop(model);
      return;
    }
    model.expiresAtHr = addCapped(hrNow(), model.sessionNs);
    this.arm(model);
  }

  private arm(model: Resident): void {
    if (model.expiresAtHr === undefined) return;
    const remainingMs = Number(model.expiresAtHr - hrNow()) / 1e6;
    if (remainingMs <= 0) {
      this.drop(model);
      return;
    }
    model.timer = setTimeout(() => this.arm(model), Math.min(remainingMs, MAX_TIMER_MS));
    model.timer.unref();
  }

  private drop(model: Resident): void {
    clearTimeout(model.timer);
    if (this.resident.get(model.scenario.name) === model) this.resident.delete(model.scenario.name);
  }

  /** keep_alive 0 with no prompt: unload now, or as soon as the running requests finish. */
  unload(name: string): void {
    const model = this.resident.get(name);
    if (!model) return;
    model.sessionNs = 0n;
    if (model.refCount === 0) this.drop(model);
  }

  unloadAll(): void {
    for (const model of [...this.resident.values()]) this.drop(model);
  }

  isLoaded(name: string): boolean {
    return this.resident.has(name);
  }

  /** Loaded models, the longest remaining lifetime first. */
  list(): ResidentInfo[] {
    const now = hrNow();
    return [...this.resident.values()]
      .map((model) => ({
        scenario: model.scenario,
        expiresAtNs: epochNs(model.expiresAtHr ?? addCapped(now, model.sessionNs)),
        contextLength: model.contextLength,
        inUse: model.refCount > 0,
      }))
      .sort((a, b) =>
        a.expiresAtNs === b.expiresAtNs ? 0 : a.expiresAtNs > b.expiresAtNs ? -1 : 1,
      );
  }

  /** Stops every timer and pending load (server shutdown). */
  dispose(): void {
    this.shutdown.abort();
    this.unloadAll();
  }
}

import type { EventBatch, GenerationRequest } from "./types.ts";

/** Messages from the page to the stream worker. */
export type ToWorker =
  | { type: "start"; id: number; baseUrl: string; request: GenerationRequest; timeOriginMs: number }
  | { type: "abort"; id: number }
  | { type: "warm"; baseUrl: string };

/** An error, flattened for postMessage; `name` says which class to rebuild. */
export interface SerializedError {
  name: string;
  message: string;
  status?: number;
}

/** Messages from the stream worker to the page. */
export type FromWorker =
  | { type: "sent"; id: number; atMs: number }
  | { type: "headers"; id: number }
  /** The events of one network read, stamped on the page's clock. */
  | { type: "events"; id: number; batch: EventBatch }
  | { type: "end"; id: number }
  | { type: "error"; id: number; error: SerializedError };

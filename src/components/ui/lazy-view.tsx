import { Component, Suspense, type ReactNode } from "react";
import { Button } from "./button.tsx";
import { Card } from "./card.tsx";

/**
 * A view whose code is its own chunk (React.lazy): a small loading card while it downloads, and
 * if the download fails (offline, or the page is older than the server's build) a message with a
 * way out instead of an empty page.
 */
export function LazyView(props: {
  /** The view's name as its tab shows it. */
  name: string;
  children: ReactNode;
}) {
  return (
    <ChunkBoundary fallback={<ViewLoadFailed name={props.name} />}>
      <Suspense fallback={<ViewLoading name={props.name} />}>{props.children}</Suspense>
    </ChunkBoundary>
  );
}

function ViewLoading(props: { name: string }) {
  return (
    <Card>
      <p
        role="status"
        aria-busy="true"
        className="flex items-center gap-2 text-sm text-slate-500 dark:text-slate-400"
      >
        <span
          aria-hidden="true"
          className="h-2 w-2 rounded-full bg-accent-500 motion-safe:animate-pulse dark:bg-accent-400"
        />
        Loading the “{props.name}” view…
      </p>
    </Card>
  );
}

function ViewLoadFailed(props: { name: string }) {
  return (
    <Card>
      <div role="alert" className="flex flex-wrap items-center gap-3 text-sm">
        <p className="text-rose-700 dark:text-rose-300">
          The “{props.name}” view could not be loaded. Is the page&apos;s server still running?
        </p>
        <Button onClick={() => window.location.reload()}>Reload the page</Button>
      </div>
    </Card>
  );
}

/** Shows `fallback` instead of a subtree that threw (here: a lazy chunk that failed to load). */
export class ChunkBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

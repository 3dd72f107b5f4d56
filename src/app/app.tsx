import { lazy, useCallback, useEffect, useMemo, useState } from "react";
import { ConnectionBar } from "../components/connection/connection-bar.tsx";
import { LiveRunPanel } from "../components/live-run/live-run-panel.tsx";
import { SetupForm } from "../components/live-run/setup-form.tsx";
import { Card } from "../components/ui/card.tsx";
import { LazyView } from "../components/ui/lazy-view.tsx";
import { env } from "../config/env.ts";
import { useComparison } from "../hooks/use-comparison.ts";
import { useConnection } from "../hooks/use-connection.ts";
import { useModels } from "../hooks/use-models.ts";
import { useOllamaClient } from "../hooks/use-ollama-client.ts";
import { useRunController } from "../hooks/use-run-controller.ts";
import { useUrlState, type PageView } from "../hooks/use-url-state.ts";
import type { ComparisonSetup } from "../runs/comparison-setup.ts";
import { toComparisonSpec } from "../runs/comparison-setup.ts";
import { hasComparisonErrors, validateComparison } from "../runs/comparison-setup-validation.ts";
import { isActive } from "../runs/run-state.ts";
import {
  idleTimeoutMs,
  isHttpUrl,
  toGenerationRequest,
  validateSetup,
  type RunSetup,
} from "../runs/setup.ts";
import { Tabs } from "./tabs.tsx";

// The first screen is the live run: the other two views are their own chunks (compare-page-*.js,
// race-page-*.js), downloaded when their tab is first opened.
const ComparePage = lazy(() =>
  import("../components/compare/compare-page.tsx").then((module) => ({
    default: module.ComparePage,
  })),
);
const RacePage = lazy(() =>
  import("../components/race/race-page.tsx").then((module) => ({ default: module.RacePage })),
);

const VIEWS: { id: PageView; label: string }[] = [
  { id: "run", label: "Live run" },
  { id: "compare", label: "Compare models" },
  { id: "race", label: "Stream vs blocking" },
];

export function App() {
  const [state, setState] = useUrlState(env.defaultOllamaUrl);
  const { setup, comparison, view } = state;
  const setSetup = useCallback(
    (next: RunSetup) => setState({ ...state, setup: next }),
    [setState, state],
  );
  const setComparison = useCallback(
    (next: ComparisonSetup) => setState({ ...state, comparison: next }),
    [setState, state],
  );
  const hostValid = isHttpUrl(setup.host);
  const client = useOllamaClient(hostValid ? setup.host.trim() : env.defaultOllamaUrl);
  const { connection, recheck } = useConnection(hostValid ? client : undefined);
  const models = useModels(client, connection.status === "connected");
  const live = useRunController();
  const compare = useComparison();
  const race = useComparison();
  const [showErrors, setShowErrors] = useState(false);
  const errors = useMemo(() => validateSetup(setup), [setup]);
  const comparisonView = view === "run" ? "compare" : view;
  const comparisonErrors = useMemo(
    () => validateComparison(setup, { ...comparison, view: comparisonView }),
    [setup, comparison, comparisonView],
  );
  const running = isActive(live.snapshot.status);

  // A run that lost the connection is a reason to ask again whether Ollama is there.
  const lostConnection = live.snapshot.error?.kind === "network";
  const failedRunId = live.snapshot.runId;
  useEffect(() => {
    if (lostConnection) recheck();
  }, [lostConnection, failedRunId, recheck]);

  // Once the models arrive, preselect the first one if the URL named none.
  useEffect(() => {
    if (models.status === "ready" && setup.model === "" && models.models[0]) {
      setSetup({ ...setup, model: models.models[0].name });
    }
  }, [models, setup, setSetup]);

  const run = useCallback(() => {
    if (view !== "run") {
      if (hasComparisonErrors(comparisonErrors)) {
        setShowErrors(true);
        return;
      }
      setShowErrors(false);
      const target = view === "race" ? race : compare;
      void target.comparison.start(toComparisonSpec(setup, { ...comparison, view }), client);
      return;
    }
    if (Object.keys(errors).length > 0) {
      setShowErrors(true);
      return;
    }
    setShowErrors(false);
    void live.controller.start(toGenerationRequest(setup), client, {
      idleTimeoutMs: idleTimeoutMs(setup),
    });
  }, [view, comparisonErrors, race, compare, setup, comparison, client, errors, live.controller]);

  const stop = useCallback(() => {
    if (view === "run") live.controller.stop();
    else (view === "race" ? race : compare).comparison.stop();
  }, [view, live.controller, race, compare]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run();
      } else if (event.key === "Escape") {
        stop();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [run, stop]);

  const changeHost = useCallback((host: string) => setSetup({ ...setup, host }), [setSetup, setup]);
  const sharedErrors = view === "run" ? errors : comparisonErrors.shared;

  return (
    <div className="mx-auto flex min-h-screen max-w-7xl flex-col gap-4 p-4 lg:p-6">
      <header className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <div className="flex items-center gap-3">
          <img src="/favicon.svg" alt="" className="h-8 w-8" />
          <div>
            <h1 className="text-lg leading-tight font-bold tracking-tight">Tokenscope</h1>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Watch a local model stream: time to first token, tokens/s live, Ollama&apos;s own
              figures.
            </p>
          </div>
        </div>
        <Tabs
          views={VIEWS}
          current={view}
          onSelect={(next) => {
            setShowErrors(false);
            setState({ ...state, view: next });
          }}
        />
      </header>
      <Card>
        <ConnectionBar
          host={setup.host}
          hostError={hostValid ? undefined : errors.host}
          connection={connection}
          simulatorUrl={env.simulatorUrl}
          onHostChange={changeHost}
          onRecheck={recheck}
        />
      </Card>
      <main className="grid flex-1 gap-4 lg:grid-cols-[minmax(300px,380px)_1fr]">
        <Card title={view === "run" ? "Request" : "Shared request"} className="self-start">
          <SetupForm
            setup={setup}
            errors={sharedErrors}
            showErrors={showErrors}
            models={models}
            running={running}
            variant={view === "run" ? "run" : "shared"}
            showModel={view !== "compare"}
            onChange={setSetup}
            onRun={run}
            onStop={live.controller.stop}
          />
        </Card>
        <div
          role="tabpanel"
          aria-label={VIEWS.find((v) => v.id === view)?.label}
          className="min-w-0"
        >
          {view === "run" && (
            <LiveRunPanel
              snapshot={live.snapshot}
              controller={live.controller}
              baseUrl={setup.host}
            />
          )}
          {view === "compare" && (
            <LazyView name="Compare models">
              <ComparePage
                comparison={comparison}
                errors={comparisonErrors}
                showErrors={showErrors}
                sharedStream={setup.stream}
                models={models}
                controller={compare.comparison}
                snapshot={compare.snapshot}
                onChange={setComparison}
                onRun={run}
              />
            </LazyView>
          )}
          {view === "race" && (
            <LazyView name="Stream vs blocking">
              <RacePage
                comparison={comparison}
                repeatsError={comparisonErrors.repeats}
                controller={race.comparison}
                snapshot={race.snapshot}
                onChange={setComparison}
                onRun={run}
              />
            </LazyView>
          )}
        </div>
      </main>
    </div>
  );
}

import { useCallback, useEffect, useMemo, useState } from "react";
import { ConnectionBar } from "../components/connection/connection-bar.tsx";
import { LiveRunPanel } from "../components/live-run/live-run-panel.tsx";
import { SetupForm } from "../components/live-run/setup-form.tsx";
import { Card } from "../components/ui/card.tsx";
import { env } from "../config/env.ts";
import { useConnection } from "../hooks/use-connection.ts";
import { useModels } from "../hooks/use-models.ts";
import { useOllamaClient } from "../hooks/use-ollama-client.ts";
import { useRunController } from "../hooks/use-run-controller.ts";
import { useUrlSetup } from "../hooks/use-url-setup.ts";
import { isActive } from "../runs/run-state.ts";
import { isHttpUrl, toGenerationRequest, validateSetup } from "../runs/setup.ts";

export function App() {
  const [setup, setSetup] = useUrlSetup(env.defaultOllamaUrl);
  const hostValid = isHttpUrl(setup.host);
  const client = useOllamaClient(hostValid ? setup.host.trim() : env.defaultOllamaUrl);
  const { connection, recheck } = useConnection(hostValid ? client : undefined);
  const models = useModels(client, connection.status === "connected");
  const { controller, snapshot } = useRunController();
  const [showErrors, setShowErrors] = useState(false);
  const errors = useMemo(() => validateSetup(setup), [setup]);
  const running = isActive(snapshot.status);

  // Once the models arrive, preselect the first one if the URL named none.
  useEffect(() => {
    if (models.status === "ready" && setup.model === "" && models.models[0]) {
      setSetup({ ...setup, model: models.models[0].name });
    }
  }, [models, setup, setSetup]);

  const changeHost = useCallback((host: string) => setSetup({ ...setup, host }), [setSetup, setup]);

  const run = useCallback(() => {
    if (Object.keys(errors).length > 0) {
      setShowErrors(true);
      return;
    }
    setShowErrors(false);
    void controller.start(toGenerationRequest(setup), client);
  }, [controller, errors, setup, client]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run();
      } else if (event.key === "Escape" && running) {
        event.preventDefault();
        controller.stop();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [run, running, controller]);

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
        <Card title="Request" className="self-start">
          <SetupForm
            setup={setup}
            errors={errors}
            showErrors={showErrors}
            models={models}
            running={running}
            onChange={setSetup}
            onRun={run}
            onStop={controller.stop}
          />
        </Card>
        <LiveRunPanel snapshot={snapshot} controller={controller} baseUrl={setup.host} />
      </main>
    </div>
  );
}

import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config.ts"; // keep the .ts extension (toolchain P8)

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      globals: false,
      projects: [
        {
          extends: true,
          test: {
            name: "core",
            environment: "node",
            include: ["src/{ollama,metrics,runs,config}/**/*.test.ts", "sim/**/*.test.ts"],
          },
        },
        {
          extends: true,
          test: {
            name: "dom",
            environment: "jsdom",
            setupFiles: ["./src/test/setup-dom.ts"],
            include: ["src/{hooks,components,app}/**/*.test.{ts,tsx}"],
          },
        },
      ],
    },
  }),
);

import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import reactRefresh from "eslint-plugin-react-refresh";
import tseslint from "typescript-eslint";
import { defineConfig, globalIgnores } from "eslint/config";

// Imports go one way: ollama, metrics <- runs <- hooks <- components <- app.
const uiPatterns = ["react", "react-dom", "react-dom/*", "recharts"];
const layer = (name) => [`**/${name}/**`, `../${name}/*`, `@/${name}/*`];

export default defineConfig([
  globalIgnores([
    "dist",
    "node_modules",
    "test-results",
    "playwright-report",
    ".ci/out",
    "bench-results",
  ]),
  {
    files: ["**/*.{ts,tsx}"],
    extends: [
      js.configs.recommended,
      tseslint.configs.recommendedTypeChecked,
      reactHooks.configs.flat.recommended,
      reactRefresh.configs.vite,
    ],
    languageOptions: {
      ecmaVersion: 2022,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/ollama/**/*.ts", "src/metrics/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: uiPatterns, message: "The core is pure TypeScript: no React." },
            {
              group: [...layer("runs"), ...layer("hooks"), ...layer("components"), ...layer("app")],
              message: "ollama/ and metrics/ sit at the bottom: imports go one way.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/runs/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: uiPatterns, message: "runs/ is framework-free." },
            {
              group: [...layer("hooks"), ...layer("components"), ...layer("app")],
              message: "runs/ may import only ollama/ and metrics/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/hooks/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...layer("components"), ...layer("app")],
              message: "hooks/ may not import components or app.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...layer("app"), "**/ollama/client*"],
              message: "components use hooks, not the client; and never import app/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["sim/**/*.ts", "e2e/**/*.ts", "scripts/**/*.ts", "*.config.ts"],
    rules: { "react-refresh/only-export-components": "off" },
  },
]);

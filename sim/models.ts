/** Model-name handling the way Ollama's handlers do it. */
import type { Scenario } from "./scenarios.ts";

const PART = "[A-Za-z0-9][A-Za-z0-9._-]*";
const VALID_NAME = new RegExp(
  `^(?:[A-Za-z0-9][A-Za-z0-9._:-]*/){0,2}${PART}(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?$`,
);

/** model.ParseName(...).IsValid(), near enough: empty and malformed names are invalid. */
export function isValidName(name: string): boolean {
  return VALID_NAME.test(name);
}

/** "nope" → "nope:latest"; a name with a tag is kept. */
export function withTag(name: string): string {
  const lastPart = name.slice(name.lastIndexOf("/") + 1);
  return lastPart.includes(":") ? name : `${name}:latest`;
}

/** The fully qualified name capability errors use: registry.ollama.ai/library/m:tag. */
export function qualifiedName(name: string): string {
  const tagged = withTag(name);
  const slashes = tagged.split("/").length - 1;
  if (slashes === 0) return `registry.ollama.ai/library/${tagged}`;
  if (slashes === 1) return `registry.ollama.ai/${tagged}`;
  return tagged;
}

export function findScenario(models: Record<string, Scenario>, name: string): Scenario | undefined {
  const tagged = withTag(name);
  return models[tagged] ?? models[tagged.replace(/^registry\.ollama\.ai\/library\//, "")];
}

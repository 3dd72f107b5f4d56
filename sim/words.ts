/** Deterministic token text: a fixed word list, a seeded PRNG, sentences, punctuation and newlines. */

const WORDS = [
  "the",
  "model",
  "token",
  "stream",
  "light",
  "river",
  "signal",
  "measure",
  "quiet",
  "window",
  "answer",
  "simple",
  "through",
  "between",
  "without",
  "across",
  "before",
  "after",
  "every",
  "small",
  "large",
  "clear",
  "bright",
  "steady",
  "careful",
  "honest",
  "gentle",
  "rapid",
  "slow",
  "deep",
  "time",
  "world",
  "value",
  "number",
  "line",
  "field",
  "layer",
  "weight",
  "cache",
  "memory",
  "prompt",
  "context",
  "reason",
  "result",
  "pattern",
  "system",
  "process",
  "server",
  "client",
  "request",
  "is",
  "are",
  "was",
  "can",
  "will",
  "may",
  "should",
  "would",
  "could",
  "must",
  "of",
  "to",
  "in",
  "for",
  "on",
  "with",
  "as",
  "by",
  "from",
  "at",
  "and",
  "or",
  "but",
  "so",
  "yet",
  "because",
  "while",
  "when",
  "where",
  "which",
  "shows",
  "keeps",
  "moves",
  "holds",
  "builds",
  "finds",
  "reads",
  "writes",
  "counts",
  "sends",
  "data",
  "graph",
  "rate",
  "speed",
  "output",
  "input",
  "buffer",
  "queue",
  "chart",
  "metric",
  "often",
  "rarely",
  "always",
  "never",
  "almost",
  "nearly",
  "simply",
  "mostly",
  "partly",
  "quickly",
  "blue",
  "green",
  "warm",
  "cold",
  "early",
  "late",
  "first",
  "last",
  "next",
  "other",
] as const;

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TokenTextOptions {
  seed: number;
  count: number;
  /** Tokens that open the text, verbatim. */
  lead?: readonly string[];
  /** Tokens mixed in at pseudo-random places, in order, each once (cycled if the text is long). */
  specials?: readonly string[];
}

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Exactly `count` tokens like " word", with "," and "." as their own tokens, a "\n" or "\n\n"
 * between some sentences, and the text ending on ".". Deterministic for a given seed.
 */
export function tokenText(options: TokenTextOptions): string[] {
  const random = seededRandom(options.seed);
  const pick = (): string => WORDS[Math.floor(random() * WORDS.length)] ?? "the";
  const tokens: string[] = [...(options.lead ?? [])];
  const specials = options.specials ?? [];
  const last = tokens.at(-1);
  let special = 0;
  let sentenceLength = last === undefined || last === "." ? 0 : tokens.length;
  let newLine = last === undefined || last.endsWith("\n");
  let newSentence = newLine || last === ".";
  let afterComma = last === ",";
  while (tokens.length < options.count - 1) {
    const roll = random();
    if (sentenceLength >= 6 && !afterComma && roll < 0.12) {
      tokens.push(".");
      sentenceLength = 0;
      newSentence = true;
      const breakRoll = random();
      if (tokens.length < options.count - 2 && breakRoll < 0.25) {
        tokens.push(breakRoll < 0.08 ? "\n\n" : "\n");
        newLine = true;
      }
      continue;
    }
    if (sentenceLength >= 3 && !afterComma && roll < 0.2) {
      tokens.push(",");
      afterComma = true;
      continue;
    }
    afterComma = false;
    if (specials.length > 0 && !newSentence && roll > 0.95) {
      tokens.push(specials[special % specials.length] ?? "");
      special++;
      sentenceLength++;
      continue;
    }
    const word = newSentence ? capitalise(pick()) : pick();
    tokens.push(newLine ? word : ` ${word}`);
    newSentence = false;
    newLine = false;
    sentenceLength++;
  }
  tokens.push(".");
  return tokens.slice(0, options.count);
}

/**
 * mulberry32, the simulator's seeded PRNG (floats in [0, 1)), for tests that cut streams at random:
 * a failing seed can be replayed.
 */
export { seededRandom as prng } from "../../sim/words.ts";

import { nextState, seedState, toUnit } from "../item2vec/random.ts";

/** A seeded source of uniform numbers in [0, 1); the same seed gives the same sequence. */
export type Uniform = () => number;

/** Uniforms from Item2Vec's xorshift32 generator, on a stream of `seed` reserved for graph walks. */
export function createUniform(seed: number): Uniform {
  // Stream 0 initialises vectors and 1.. train; walks draw from their own stream so the two never correlate.
  let state = seedState(seed, 0x7a1c);
  return () => {
    state = nextState(state);
    return toUnit(state);
  };
}

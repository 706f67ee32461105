import { RANKER_MODEL_FORMAT, type RankerModel } from "./ranker-model.ts";

/** A model with arbitrary but fixed weights: `width` features and the given hidden layer sizes. */
export function fixtureRankerModel(width: number, hidden: readonly number[]): RankerModel {
  let state = 12345;
  // A small LCG in (-1, 1): fixtures need spread-out values, not statistical quality.
  const value = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2147483648 - 1;
  };
  const values = (count: number) => Array.from({ length: count }, value);
  const sizes = hidden.length === 0 ? [] : [width, ...hidden, 1];
  return {
    formatVersion: RANKER_MODEL_FORMAT,
    featureNames: Array.from({ length: width }, (_, j) => `feature${j}`),
    normalisation: { mean: values(width).map((v) => v * 10), std: values(width).map((v) => 1.5 + v) },
    wide: { weights: values(width), bias: value() },
    deep: {
      layers: sizes.slice(1).map((outputs, l) => {
        const inputs = sizes[l] as number;
        return { inputs, outputs, weights: values(inputs * outputs), biases: values(outputs) };
      }),
    },
  };
}

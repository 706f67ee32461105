import { RANKER_MODEL_FORMAT, type RankerModel } from "../../../core/ranking/index.ts";
import type { Random } from "./random.ts";
import type { Standardisation } from "./standardise.ts";

/** Offsets of one dense layer's weights (row-major by output) and biases in the flat parameter vector. */
export interface LayerSlot {
  inputs: number;
  outputs: number;
  weights: number;
  biases: number;
}

/**
 * Where every parameter lives in one flat Float64Array, so the optimiser and the best-epoch snapshot are single
 * loops and copies: the wide weights at [0, width), the wide bias at `width`, then each deep layer's slots.
 */
export interface NetworkLayout {
  width: number;
  layers: LayerSlot[];
  size: number;
  /** 1 where L2 applies (weights), 0 for biases. */
  decays: Uint8Array;
}

/** Lays out a wide part over `width` features and a deep part with `hidden` ReLU layers and a 1-unit output. */
export function networkLayout(width: number, hidden: readonly number[]): NetworkLayout {
  const sizes = hidden.length === 0 ? [] : [width, ...hidden, 1];
  const layers: LayerSlot[] = [];
  let size = width + 1;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l] as number;
    const outputs = sizes[l + 1] as number;
    layers.push({ inputs, outputs, weights: size, biases: size + inputs * outputs });
    size += inputs * outputs + outputs;
  }
  const decays = new Uint8Array(size);
  decays.fill(1, 0, width);
  for (const layer of layers) decays.fill(1, layer.weights, layer.biases);
  return { width, layers, size, decays };
}

/** Zero wide part and biases; He-normal weights into ReLU layers, variance 1 / inputs into the linear output. */
export function initialParams(layout: NetworkLayout, random: Random): Float64Array {
  const params = new Float64Array(layout.size);
  for (const [l, layer] of layout.layers.entries()) {
    const scale = Math.sqrt((l + 1 < layout.layers.length ? 2 : 1) / layer.inputs);
    for (let k = layer.weights; k < layer.biases; k++) params[k] = random.normal() * scale;
  }
  return params;
}

/** Copies trained parameters and the standardisation into the stored, JSON-ready model format. */
export function toRankerModel(
  layout: NetworkLayout,
  params: Float64Array,
  featureNames: readonly string[],
  standardisation: Standardisation,
): RankerModel {
  const slice = (from: number, to: number) => Array.from(params.subarray(from, to));
  return {
    formatVersion: RANKER_MODEL_FORMAT,
    featureNames: [...featureNames],
    normalisation: { mean: Array.from(standardisation.mean), std: Array.from(standardisation.std) },
    wide: { weights: slice(0, layout.width), bias: params[layout.width] as number },
    deep: {
      layers: layout.layers.map((layer) => ({
        inputs: layer.inputs,
        outputs: layer.outputs,
        weights: slice(layer.weights, layer.biases),
        biases: slice(layer.biases, layer.biases + layer.outputs),
      })),
    },
  };
}

import type { LayerSlot, NetworkLayout } from "./network.ts";
import type { Standardisation } from "./standardise.ts";

/** Scratch for one row: its standardised features, each layer's outputs, and the loss gradient per output. */
export interface RowWorkspace {
  x: Float64Array;
  activations: Float64Array[];
  deltas: Float64Array[];
}

/** Allocates the scratch for `layout` once; every pass reuses it. */
export function createRowWorkspace(layout: NetworkLayout): RowWorkspace {
  return {
    x: new Float64Array(layout.width),
    activations: layout.layers.map((layer) => new Float64Array(layer.outputs)),
    deltas: layout.layers.map((layer) => new Float64Array(layer.outputs)),
  };
}

/** Standardises row `row` of `features` into `workspace.x`. */
export function loadRow(
  features: Float32Array,
  row: number,
  standardisation: Standardisation,
  workspace: RowWorkspace,
): void {
  const { x } = workspace;
  const { mean, std } = standardisation;
  const base = row * x.length;
  for (let j = 0; j < x.length; j++) {
    x[j] = ((features[base + j] as number) - (mean[j] as number)) / (std[j] as number);
  }
}

/** The logit of the loaded row: wide part plus deep part; keeps every layer's outputs for `backward`. */
export function forward(layout: NetworkLayout, params: Float64Array, workspace: RowWorkspace): number {
  const { x, activations } = workspace;
  let logit = params[layout.width] as number;
  for (let j = 0; j < layout.width; j++) logit += (params[j] as number) * (x[j] as number);
  const last = layout.layers.length - 1;
  let input = x;
  for (let l = 0; l <= last; l++) {
    const { inputs, outputs, weights, biases } = layout.layers[l] as LayerSlot;
    const output = activations[l] as Float64Array;
    for (let o = 0; o < outputs; o++) {
      let sum = params[biases + o] as number;
      const base = weights + o * inputs;
      for (let i = 0; i < inputs; i++) sum += (params[base + i] as number) * (input[i] as number);
      output[o] = l < last && sum < 0 ? 0 : sum;
    }
    input = output;
  }
  return last < 0 ? logit : logit + (input[0] as number);
}

/** Adds the gradient of the loaded row's loss to `grads`, given dLoss/dLogit after `forward`. */
export function backward(
  layout: NetworkLayout,
  params: Float64Array,
  workspace: RowWorkspace,
  dLogit: number,
  grads: Float64Array,
): void {
  const { x, activations, deltas } = workspace;
  for (let j = 0; j < layout.width; j++) grads[j] = (grads[j] as number) + dLogit * (x[j] as number);
  grads[layout.width] = (grads[layout.width] as number) + dLogit;
  const last = layout.layers.length - 1;
  if (last < 0) return;
  (deltas[last] as Float64Array)[0] = dLogit;
  for (let l = last; l >= 0; l--) {
    const layer = layout.layers[l] as LayerSlot;
    const delta = deltas[l] as Float64Array;
    if (l === 0) {
      addLayerGrads(layer, x, delta, grads);
      return;
    }
    const input = activations[l - 1] as Float64Array;
    const below = deltas[l - 1] as Float64Array;
    addLayerGrads(layer, input, delta, grads);
    propagate(layer, params, input, delta, below);
  }
}

function addLayerGrads(
  layer: LayerSlot,
  input: Float64Array,
  delta: Float64Array,
  grads: Float64Array,
): void {
  const { inputs, outputs, weights, biases } = layer;
  for (let o = 0; o < outputs; o++) {
    const d = delta[o] as number;
    if (d === 0) continue;
    grads[biases + o] = (grads[biases + o] as number) + d;
    const base = weights + o * inputs;
    for (let i = 0; i < inputs; i++) grads[base + i] = (grads[base + i] as number) + d * (input[i] as number);
  }
}

/** Sets `below` to the loss gradient at the layer's ReLU inputs, zero where a unit was inactive. */
function propagate(
  layer: LayerSlot,
  params: Float64Array,
  input: Float64Array,
  delta: Float64Array,
  below: Float64Array,
): void {
  const { inputs, outputs, weights } = layer;
  below.fill(0);
  for (let o = 0; o < outputs; o++) {
    const d = delta[o] as number;
    if (d === 0) continue;
    const base = weights + o * inputs;
    for (let i = 0; i < inputs; i++) below[i] = (below[i] as number) + d * (params[base + i] as number);
  }
  for (let i = 0; i < inputs; i++) if ((input[i] as number) <= 0) below[i] = 0;
}

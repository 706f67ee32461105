import type { RankerModel } from "./ranker-model.ts";

/** A shape mismatch between fields of a model, with the path of the field at fault. */
export interface ShapeIssue {
  path: (string | number)[];
  message: string;
}

/** The first inconsistency between a model's array lengths and layer sizes, or null when they all agree. */
export function rankerShapeIssue(model: RankerModel): ShapeIssue | null {
  const features = model.featureNames.length;
  const perFeature = (path: (string | number)[], length: number): ShapeIssue | null =>
    length === features
      ? null
      : { path, message: `must have one entry per feature name (${features}), got ${length}` };
  return (
    perFeature(["normalisation", "mean"], model.normalisation.mean.length) ??
    perFeature(["normalisation", "std"], model.normalisation.std.length) ??
    perFeature(["wide", "weights"], model.wide.weights.length) ??
    layerIssue(model, features)
  );
}

function layerIssue(model: RankerModel, features: number): ShapeIssue | null {
  const layers = model.deep.layers;
  let expectedInputs = features;
  for (const [index, layer] of layers.entries()) {
    const at = (field: string) => ["deep", "layers", index, field];
    if (layer.inputs !== expectedInputs) {
      const source = index === 0 ? "featureNames.length" : `layers.${index - 1}.outputs`;
      return { path: at("inputs"), message: `must equal ${source} (${expectedInputs}), got ${layer.inputs}` };
    }
    const weights = layer.inputs * layer.outputs;
    if (layer.weights.length !== weights) {
      return {
        path: at("weights"),
        message: `must have inputs × outputs = ${weights} entries, got ${layer.weights.length}`,
      };
    }
    if (layer.biases.length !== layer.outputs) {
      return {
        path: at("biases"),
        message: `must have one entry per output (${layer.outputs}), got ${layer.biases.length}`,
      };
    }
    expectedInputs = layer.outputs;
  }
  const last = layers.at(-1);
  if (last !== undefined && last.outputs !== 1) {
    return {
      path: ["deep", "layers", layers.length - 1, "outputs"],
      message: `the last layer must have 1 output, got ${last.outputs}`,
    };
  }
  return null;
}

import type { RankerModel } from "../../core/ranking/index.ts";

/**
 * For a linear model (no deep layers), the logit's parts: `bias`, and per feature weight × standardised value
 * (they sum to `logit`). Empty for a deep model, or one whose feature names are not `featureNames`.
 */
export function linearParts(
  model: RankerModel | null,
  featureNames: readonly string[],
  values: Float32Array,
): Record<string, number> {
  if (model === null || model.deep.layers.length > 0) return {};
  if (model.featureNames.join("\n") !== featureNames.join("\n")) return {};
  const parts: Record<string, number> = { bias: model.wide.bias };
  let logit = model.wide.bias;
  model.featureNames.forEach((name, f) => {
    const mean = model.normalisation.mean[f] as number;
    const std = model.normalisation.std[f] as number;
    const part = (model.wide.weights[f] as number) * (((values[f] as number) - mean) / std);
    parts[`weight:${name}`] = part;
    logit += part;
  });
  parts.logit = logit;
  return parts;
}

import type { Interactions } from "./interactions.ts";
import { dot, dotRow, matrixTimes, writeGram } from "./linear-algebra.ts";
import type { AlsModel } from "./model.ts";

/**
 * The implicit-ALS objective sum_{u,i} c_ui (p_ui - x_u . y_i)^2 + lambda (|X|^2 + |Y|^2), computed without
 * visiting unobserved pairs: the dense part is sum_u x_u^T (Y^T Y) x_u, corrected on observed pairs.
 */
export function implicitAlsLoss(
  interactions: Interactions,
  model: AlsModel,
  params: { readonly regularization: number; readonly alpha: number },
): number {
  const k = model.dimension;
  const { offsets, indices, values } = interactions.userItems;
  const gram = new Float64Array(k * k);
  writeGram(model.itemFactors, interactions.itemIds.length, k, 0, gram);
  const x = new Float64Array(k);
  const gx = new Float64Array(k);
  let loss = 0;
  for (let u = 0; u + 1 < offsets.length; u++) {
    for (let d = 0; d < k; d++) x[d] = model.userFactors[u * k + d] as number;
    matrixTimes(gram, x, gx, k);
    loss += dot(x, gx, k);
    for (let n = offsets[u] as number; n < (offsets[u + 1] as number); n++) {
      const score = dotRow(model.itemFactors, (indices[n] as number) * k, x, k);
      const confidence = 1 + params.alpha * (values[n] as number);
      loss += confidence * (1 - score) ** 2 - score * score;
    }
  }
  return loss + params.regularization * (squaredNorm(model.userFactors) + squaredNorm(model.itemFactors));
}

function squaredNorm(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return sum;
}

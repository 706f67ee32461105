import { BLOCK, denseBlock, loadBlock, wideBlock } from "./block-kernel.ts";
import type { RankerModel } from "./ranker-model.ts";
import { rankerShapeIssue } from "./ranker-model-shape.ts";

/** What `score` writes: the probability of a like (default) or its logit, which ranks the same and is cheaper. */
export type RankerOutput = "probability" | "logit";

export interface RankerScorerOptions {
  output?: RankerOutput;
}

/** Scores candidates in process; one scorer per thread, as it reuses its scratch buffers. */
export interface RankerScorer {
  readonly featureNames: readonly string[];
  readonly output: RankerOutput;
  /**
   * Scores `rows` candidates: `features` holds `rows × featureNames.length` raw (not standardised) values,
   * row-major in `featureNames` order; `out[r]` receives row r's score. Allocates nothing.
   */
  score(features: Float32Array, rows: number, out: Float32Array): void;
}

interface DenseLayer {
  inputs: number;
  outputs: number;
  weights: Float64Array;
  biases: Float64Array;
  relu: boolean;
  /** This layer's outputs for the block being scored. */
  activations: Float64Array;
}

/** Builds a scorer for `model`, copying its weights to typed arrays and allocating its scratch once. */
export function createRankerScorer(model: RankerModel, options: RankerScorerOptions = {}): RankerScorer {
  const issue = rankerShapeIssue(model);
  if (issue !== null) throw new RangeError(`Ranker model: ${issue.path.join(".")}: ${issue.message}`);
  const output = options.output ?? "probability";
  const width = model.featureNames.length;
  const mean = Float64Array.from(model.normalisation.mean);
  const inverseStd = Float64Array.from(model.normalisation.std, (std) => 1 / std);
  const wide = Float64Array.from(model.wide.weights);
  const wideBias = model.wide.bias;
  const layers: DenseLayer[] = model.deep.layers.map((layer, l, all) => ({
    inputs: layer.inputs,
    outputs: layer.outputs,
    weights: Float64Array.from(layer.weights),
    biases: Float64Array.from(layer.biases),
    relu: l + 1 < all.length,
    activations: new Float64Array(layer.outputs * BLOCK),
  }));
  const block = new Float64Array(width * BLOCK);
  const logits = new Float64Array(BLOCK);

  const scoreBlock = (features: Float32Array, row: number, count: number, out: Float32Array): void => {
    loadBlock(features, row, count, mean, inverseStd, block);
    wideBlock(wide, wideBias, block, logits);
    let input: Float64Array = block;
    for (const layer of layers) {
      denseBlock(
        layer.inputs,
        layer.outputs,
        layer.weights,
        layer.biases,
        layer.relu,
        input,
        layer.activations,
      );
      input = layer.activations;
    }
    for (let k = 0; k < count; k++) {
      // The deep part's single output sits at index k of the last layer's block.
      const logit = (logits[k] as number) + (layers.length > 0 ? (input[k] as number) : 0);
      out[row + k] = output === "logit" ? logit : 1 / (1 + Math.exp(-logit));
    }
  };

  const score = (features: Float32Array, rows: number, out: Float32Array): void => {
    checkCall(features, rows, out, width);
    for (let row = 0; row < rows; row += BLOCK) scoreBlock(features, row, Math.min(BLOCK, rows - row), out);
  };
  return { featureNames: [...model.featureNames], output, score };
}

function checkCall(features: Float32Array, rows: number, out: Float32Array, width: number): void {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows must be an integer >= 0, got ${rows}`);
  if (features.length < rows * width) {
    throw new RangeError(`features holds ${features.length} values, ${rows} rows need ${rows * width}`);
  }
  if (out.length < rows) throw new RangeError(`out holds ${out.length} scores, ${rows} rows need ${rows}`);
}

import type { RankerModel } from "../../../core/ranking/index.ts";
import { createAdam } from "./adam.ts";
import { createTrainingState, evaluateRows, type TrainingState, trainEpoch } from "./epoch.ts";
import { initialParams, networkLayout, toRankerModel } from "./network.ts";
import { type RankerParams, validateRankerParams } from "./params.ts";
import { createRandom, type Random, shuffle } from "./random.ts";
import { type RowSplit, splitRows } from "./split.ts";
import { fitStandardisation } from "./standardise.ts";
import type { RankerEpoch, RankerHistory, RankerTrainingData, RankerTrainOptions } from "./train-options.ts";
import { validateTrainingData } from "./validate-data.ts";

/** Validation loss must drop by more than this to count as better, so float noise does not reset patience. */
const MIN_IMPROVEMENT = 1e-6;

/**
 * Trains a Wide&Deep ranker (log loss, Adam, L2, mini-batches, early stopping on a held-out slice) on raw
 * features it standardises itself; deterministic for a seed. Yields to the event loop as it goes.
 */
export async function trainRanker(
  data: RankerTrainingData,
  params: RankerParams,
  options: RankerTrainOptions = {},
): Promise<{ model: RankerModel; history: RankerHistory }> {
  validateRankerParams(params);
  validateTrainingData(data);
  options.signal?.throwIfAborted();
  const width = data.featureNames.length;
  const split = splitRows(data.rows, data.groups, params.validationShare, createRandom(params.seed, 1));
  const standardisation = fitStandardisation(data.features, width, split.train);
  const layout = networkLayout(width, params.hidden);
  const state = createTrainingState({
    features: data.features,
    labels: data.labels,
    standardisation,
    layout,
    params: initialParams(layout, createRandom(params.seed, 2)),
    adam: createAdam(layout.size, params.learningRate, params.l2, layout.decays),
    batchSize: params.batchSize,
  });
  const history = await runEpochs(state, split, params, createRandom(params.seed, 3), options);
  return { model: toRankerModel(layout, state.params, data.featureNames, standardisation), history };
}

/** Trains epoch by epoch; with validation, stops on patience and leaves the best epoch's weights in place. */
async function runEpochs(
  state: TrainingState,
  split: RowSplit,
  params: RankerParams,
  random: Random,
  options: RankerTrainOptions,
): Promise<RankerHistory> {
  const validating = split.valid.length > 0;
  const logits = new Float64Array(state.labels.length);
  const order = split.train.slice();
  const epochs: RankerEpoch[] = [];
  let best: { loss: number; epoch: number; params: Float64Array } = {
    loss: Number.POSITIVE_INFINITY,
    epoch: 0,
    params: state.params.slice(),
  };
  for (let epoch = 1; epoch <= params.epochs; epoch++) {
    shuffle(order, random);
    const trainLoss = await trainEpoch(state, order, options.signal);
    const valid = validating
      ? evaluateRows(state, split.valid, logits)
      : { loss: Number.NaN, auc: Number.NaN };
    const figures = { epoch, epochs: params.epochs, trainLoss, validLoss: valid.loss, validAuc: valid.auc };
    epochs.push(figures);
    options.onProgress?.(figures);
    options.signal?.throwIfAborted();
    if (!validating) best = { loss: Number.NaN, epoch, params: state.params };
    else if (valid.loss < best.loss - MIN_IMPROVEMENT)
      best = { loss: valid.loss, epoch, params: state.params.slice() };
    else if (epoch - best.epoch >= params.patience) break;
  }
  state.params.set(best.params);
  return {
    epochs,
    bestEpoch: best.epoch,
    stoppedEarly: epochs.length < params.epochs,
    trainRows: split.train.length,
    validRows: split.valid.length,
  };
}

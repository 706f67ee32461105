import type { Adam } from "./adam.ts";
import { auc } from "./auc.ts";
import type { NetworkLayout } from "./network.ts";
import { backward, createRowWorkspace, forward, loadRow, type RowWorkspace } from "./row-pass.ts";
import type { Standardisation } from "./standardise.ts";

/** Rows trained between two returns to the event loop, so timers and abort signals get a turn. */
const ROWS_PER_SLICE = 16384;

/** Everything one training run updates or reads, built once. */
export interface TrainingState {
  features: Float32Array;
  labels: Uint8Array;
  standardisation: Standardisation;
  layout: NetworkLayout;
  params: Float64Array;
  grads: Float64Array;
  adam: Adam;
  batchSize: number;
  workspace: RowWorkspace;
}

/** Builds the state for training `layout` from `params` (which it updates in place). */
export function createTrainingState(fields: Omit<TrainingState, "grads" | "workspace">): TrainingState {
  return {
    ...fields,
    grads: new Float64Array(fields.layout.size),
    workspace: createRowWorkspace(fields.layout),
  };
}

/** Log loss of a logit against a 0/1 label, without overflow for large |logit|. */
export function logLoss(logit: number, label: number): number {
  return Math.max(logit, 0) - label * logit + Math.log1p(Math.exp(-Math.abs(logit)));
}

/** One pass over `order` in mini-batches, yielding now and then and at the end; resolves to the mean training loss. */
export async function trainEpoch(
  state: TrainingState,
  order: Int32Array,
  signal?: AbortSignal,
): Promise<number> {
  let lossSum = 0;
  let sinceYield = 0;
  for (let start = 0; start < order.length; start += state.batchSize) {
    lossSum += trainBatch(state, order, start, Math.min(order.length, start + state.batchSize));
    sinceYield += state.batchSize;
    if (sinceYield >= ROWS_PER_SLICE || start + state.batchSize >= order.length) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
  }
  return lossSum / order.length;
}

function trainBatch(state: TrainingState, order: Int32Array, from: number, to: number): number {
  const { features, labels, standardisation, layout, params, grads, workspace } = state;
  grads.fill(0);
  let lossSum = 0;
  for (let k = from; k < to; k++) {
    const row = order[k] as number;
    const label = labels[row] as number;
    loadRow(features, row, standardisation, workspace);
    const logit = forward(layout, params, workspace);
    lossSum += logLoss(logit, label);
    backward(layout, params, workspace, 1 / (1 + Math.exp(-logit)) - label, grads);
  }
  state.adam.step(params, grads, 1 / (to - from));
  return lossSum;
}

/** Mean log loss and AUC of the current parameters over `rows`; `logits` is scratch of at least the row count. */
export function evaluateRows(
  state: TrainingState,
  rows: Int32Array,
  logits: Float64Array,
): { loss: number; auc: number } {
  const { features, labels, standardisation, layout, params, workspace } = state;
  let lossSum = 0;
  for (const row of rows) {
    loadRow(features, row, standardisation, workspace);
    const logit = forward(layout, params, workspace);
    logits[row] = logit;
    lossSum += logLoss(logit, labels[row] as number);
  }
  return { loss: lossSum / rows.length, auc: auc(logits, labels, rows) };
}

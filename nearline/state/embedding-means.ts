import {
  addToMean,
  addToRecencyMean,
  emptyRunningMean,
  type RunningMean,
} from "../../core/user-state/index.ts";
import type { ItemVectors, UserEmbeddingModel } from "../item-data/item-vectors.ts";

/** Empty sums for each model, sized by its source vectors. */
export function emptyMeans(
  models: readonly UserEmbeddingModel[],
  vectors: ItemVectors,
): Map<string, RunningMean> {
  const means = new Map<string, RunningMean>();
  for (const m of models) {
    const table = vectors.tables.get(m.source);
    if (table) means.set(m.model, emptyRunningMean(table.dimension));
  }
  return means;
}

/** Adds one liked item to every model's sums that knows the item; returns the models it changed. */
export function addLikedToMeans(
  means: ReadonlyMap<string, RunningMean>,
  liked: { readonly itemId: string; readonly timestamp: number },
  vectors: ItemVectors,
  recencyHalfLifeMs: number,
): string[] {
  const changed: string[] = [];
  for (const m of vectors.models) {
    const mean = means.get(m.model);
    const vector = vectors.tables.get(m.source)?.vectors.get(liked.itemId);
    if (!mean || !vector) continue;
    if (m.kind === "mean") addToMean(mean, vector);
    else addToRecencyMean(mean, vector, liked.timestamp, recencyHalfLifeMs);
    changed.push(m.model);
  }
  return changed;
}

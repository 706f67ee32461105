import {
  buildCorpus,
  type Item2VecModel,
  type Item2VecParams,
  trainItem2Vec,
} from "../../algorithms/item2vec/index.ts";
import type { JobDeps } from "../job-deps.ts";
import type { HistoryRating } from "./history.ts";

export interface TrainedItem2Vec {
  readonly model: Item2VecModel;
  readonly trainingMs: number;
  readonly corpusTokens: number;
}

/** Trains Item2Vec on users' liked sequences with a progress line (epoch, items/s, ETA). */
export async function trainItem2VecOn(
  deps: JobDeps,
  sequences: ReadonlyMap<string, readonly HistoryRating[]>,
  params: Item2VecParams,
  label: string,
  signal?: AbortSignal,
): Promise<TrainedItem2Vec> {
  const sentences = [...sequences.values()].map((list) => list.map((r) => r.itemId));
  const corpus = buildCorpus(sentences, params.minCount);
  const total = corpus.tokens.length * params.epochs;
  const progress = deps.progress({ label, unit: "items", total });
  const started = performance.now();
  const model = await trainItem2Vec(corpus, params, {
    ...(signal ? { signal } : {}),
    onProgress: (p) => progress.update(p.tokensDone, `epoch ${Math.min(p.epoch + 1, p.epochs)}/${p.epochs}`),
  });
  const trainingMs = performance.now() - started;
  progress.finish(`${corpus.vocab.length} items, ${corpus.tokens.length} tokens, ${params.epochs} epochs`);
  return { model, trainingMs, corpusTokens: corpus.tokens.length };
}

import type { Corpus } from "./corpus.ts";
import type { Item2VecModel } from "./model.ts";
import { type Item2VecParams, validateItem2VecParams } from "./params.ts";
import { seedState } from "./random.ts";
import type { KernelBuffers, KernelConfig } from "./sgns-kernel.ts";
import { type Alloc, buildAliasTable, buildKeepProbabilities, localAlloc, sharedAlloc } from "./tables.ts";
import { trainInProcess } from "./train-in-process.ts";
import type { TrainOptions } from "./train-options.ts";
import { trainInWorkers } from "./train-workers.ts";
import { createVectorMemory, readVectors, vectorLayout } from "./vector-memory.ts";

/** Trains skip-gram with negative sampling (word2vec -cbow 0 -hs 0) and returns the input vectors. */
export async function trainItem2Vec(
  corpus: Corpus,
  params: Item2VecParams,
  options: TrainOptions = {},
): Promise<Item2VecModel> {
  validateItem2VecParams(params);
  validateCorpus(corpus);
  options.signal?.throwIfAborted();
  const threads = Math.min(params.threads, Math.max(1, corpus.sentenceStarts.length));
  const buffers = createBuffers(corpus, params, threads);
  const config: KernelConfig = {
    window: params.window,
    negatives: params.negatives,
    learningRate: params.learningRate,
    minLearningRate: params.minLearningRate,
    tokensTotal: corpus.tokens.length * params.epochs,
  };
  if (threads === 1) {
    await trainInProcess(buffers, config, params.epochs, seedState(params.seed, 1), options);
  } else {
    await trainInWorkers(buffers, config, { threads, epochs: params.epochs, seed: params.seed }, options);
  }
  const vectors = readVectors(buffers.memory, buffers.layout, corpus.vocab.length, params.dimension);
  return { itemIds: corpus.vocab, dimension: params.dimension, vectors };
}

function createBuffers(corpus: Corpus, params: Item2VecParams, threads: number): KernelBuffers {
  const alloc: Alloc = threads > 1 ? sharedAlloc : localAlloc;
  const copy = (source: Int32Array) => {
    const target = new Int32Array(alloc(source.length * 4));
    target.set(source);
    return target;
  };
  const rows = corpus.vocab.length;
  const layout = vectorLayout(rows, params.dimension, params.negatives, threads);
  const negativeTable = buildAliasTable(corpus.counts, alloc);
  return {
    memory: createVectorMemory(layout, rows, params.dimension, params.seed),
    layout,
    tokens: alloc === localAlloc ? corpus.tokens : copy(corpus.tokens),
    sentenceStarts: alloc === localAlloc ? corpus.sentenceStarts : copy(corpus.sentenceStarts),
    aliasKeep: negativeTable.keep,
    aliasOther: negativeTable.alias,
    keepProbability: buildKeepProbabilities(corpus.counts, params.subsample, alloc),
    progress: new BigInt64Array(alloc(8)),
  };
}

/** A bad token index would read past the vectors and silently train garbage, so check the corpus once. */
function validateCorpus(corpus: Corpus): void {
  const size = corpus.vocab.length;
  if (corpus.counts.length !== size)
    throw new Error("Item2Vec: corpus.counts must have one entry per vocab item");
  for (const token of corpus.tokens) {
    if (token < 0 || token >= size) throw new Error(`Item2Vec: corpus token ${token} is outside the vocab`);
  }
  let previous = 0;
  for (const start of corpus.sentenceStarts) {
    if (start < previous || start > corpus.tokens.length) {
      throw new Error("Item2Vec: corpus.sentenceStarts must be ascending offsets into tokens");
    }
    previous = start;
  }
}

import { sentenceSplits } from "./sentence-splits.ts";
import {
  createKernelState,
  flushProgress,
  type KernelBuffers,
  type KernelConfig,
  trainSentences,
} from "./sgns-kernel.ts";
import type { TrainOptions } from "./train-options.ts";

/** Tokens trained between two returns to the event loop, so timers and abort signals still get a turn. */
const CHUNK_TOKENS = 20000;

/** Trains on the calling thread, deterministic for a given `rng` state. */
export async function trainInProcess(
  buffers: KernelBuffers,
  config: KernelConfig,
  epochs: number,
  rng: number,
  options: TrainOptions,
): Promise<void> {
  const state = createKernelState(buffers, config, rng, 0);
  const tokenCount = buffers.tokens.length;
  const chunks = sentenceSplits(buffers.sentenceStarts, tokenCount, Math.ceil(tokenCount / CHUNK_TOKENS));
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let c = 0; c + 1 < chunks.length; c++) {
      trainSentences(state, chunks[c] as number, chunks[c + 1] as number);
      await new Promise<void>((resolve) => setImmediate(resolve));
      options.signal?.throwIfAborted();
    }
    const tokensDone = flushProgress(state);
    options.onProgress?.({ epoch, epochs, tokensDone, tokensTotal: config.tokensTotal });
  }
}

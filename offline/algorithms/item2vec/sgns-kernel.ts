import { instantiatePairKernel, type PairKernel } from "./sgns-pair-wasm.ts";
import type { VectorLayout } from "./vector-memory.ts";
import type { WasmMemory } from "./wasm-api.ts";

/** What every thread reads and writes; the memory and arrays are shared between worker threads. */
export interface KernelBuffers {
  /** syn0, syn1neg and the sigmoid table, laid out as `layout` says. */
  readonly memory: WasmMemory;
  readonly layout: VectorLayout;
  readonly tokens: Int32Array;
  readonly sentenceStarts: Int32Array;
  /** Alias tables of the negative-sampling distribution (see buildAliasTable). */
  readonly aliasKeep: Float64Array;
  readonly aliasOther: Int32Array;
  /** Sub-sampling keep probability per item, or null when sub-sampling is off. */
  readonly keepProbability: Float64Array | null;
  /** Tokens processed by all threads, so alpha decays with the joint progress. */
  readonly progress: BigInt64Array;
}

export interface KernelConfig {
  readonly window: number;
  readonly negatives: number;
  readonly learningRate: number;
  readonly minLearningRate: number;
  readonly tokensTotal: number;
}

/** One thread's training state: its scratch, the generator state and the current alpha. */
export interface KernelState extends KernelBuffers, KernelConfig {
  readonly pair: PairKernel;
  readonly sentence: Int32Array;
  /** Byte offsets of this thread's neu1e row and target list in the memory, and a view of the list. */
  readonly neu1e: number;
  readonly targetsAt: number;
  readonly targets: Int32Array;
  rng: number;
  alpha: number;
  pending: number;
}

/** Alpha is refreshed from the shared counter after this many tokens, as word2vec does. */
const PROGRESS_INTERVAL = 10000;
const TO_UNIT = 1 / 4294967296;

/** Builds thread `thread`'s state; `rng` must be a non-zero xorshift state. */
export function createKernelState(
  buffers: KernelBuffers,
  config: KernelConfig,
  rng: number,
  thread: number,
): KernelState {
  let longest = 0;
  const starts = buffers.sentenceStarts;
  for (let s = 0; s < starts.length; s++) {
    const end = s + 1 < starts.length ? (starts[s + 1] as number) : buffers.tokens.length;
    longest = Math.max(longest, end - (starts[s] as number));
  }
  const neu1e = buffers.layout.scratch + thread * buffers.layout.scratchBytes;
  const targetsAt = neu1e + buffers.layout.rowBytes;
  return {
    ...buffers,
    ...config,
    pair: instantiatePairKernel(buffers.memory),
    sentence: new Int32Array(longest),
    neu1e,
    targetsAt,
    targets: new Int32Array(buffers.memory.buffer, targetsAt, config.negatives + 1),
    rng,
    alpha: config.learningRate,
    pending: 0,
  };
}

/** Trains on sentences [from, to) once. */
export function trainSentences(state: KernelState, from: number, to: number): void {
  const starts = state.sentenceStarts;
  const last = starts.length - 1;
  for (let s = from; s < to; s++) {
    const begin = starts[s] as number;
    const end = s < last ? (starts[s + 1] as number) : state.tokens.length;
    trainSentence(state, loadSentence(state, begin, end));
    state.pending += end - begin;
    if (state.pending >= PROGRESS_INTERVAL) flushProgress(state);
  }
}

/** Publishes this thread's pending token count, refreshes alpha and returns all threads' tokens so far. */
export function flushProgress(state: KernelState): number {
  const pending = state.pending;
  state.pending = 0;
  const done = Number(Atomics.add(state.progress, 0, BigInt(pending))) + pending;
  const fraction = Math.min(1, done / Math.max(1, state.tokensTotal));
  state.alpha = Math.max(
    state.minLearningRate,
    state.learningRate - (state.learningRate - state.minLearningRate) * fraction,
  );
  return done;
}

/** Copies the sentence into the scratch buffer, dropping sub-sampled tokens; returns the kept length. */
function loadSentence(state: KernelState, begin: number, end: number): number {
  const { tokens, sentence, keepProbability: keep } = state;
  let length = 0;
  if (keep === null) {
    for (let i = begin; i < end; i++) sentence[length++] = tokens[i] as number;
    return length;
  }
  let rng = state.rng;
  for (let i = begin; i < end; i++) {
    const word = tokens[i] as number;
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    if ((rng >>> 0) * TO_UNIT < (keep[word] as number)) sentence[length++] = word;
  }
  state.rng = rng;
  return length;
}

/**
 * Skip-gram with negative sampling over one loaded sentence, laid out like word2vec.c's loop: for each
 * centre word and each context word within a window drawn in 1..window, the context's input row predicts the
 * centre word against `negatives` alias-table draws (skipping draws of the centre word itself). The vector
 * arithmetic of each pair runs in the SIMD kernel; this flat loop only picks rows, with no allocation.
 */
function trainSentence(state: KernelState, length: number): void {
  const { pair, sentence, targets, aliasKeep, aliasOther, window, negatives, alpha, neu1e, targetsAt } =
    state;
  const { syn0, syn1, rowBytes, expTable } = state.layout;
  const aliasScale = aliasKeep.length * TO_UNIT;
  let rng = state.rng;
  for (let i = 0; i < length; i++) {
    const word = sentence[i] as number;
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    const reach = window - ((rng >>> 1) % window);
    const hi = i + reach < length ? i + reach : length - 1;
    for (let c = i > reach ? i - reach : 0; c <= hi; c++) {
      if (c === i) continue;
      targets[0] = syn1 + word * rowBytes;
      let count = 1;
      for (let d = 0; d < negatives; d++) {
        rng ^= rng << 13;
        rng ^= rng >>> 17;
        rng ^= rng << 5;
        const bucket = Math.floor((rng >>> 0) * aliasScale);
        rng ^= rng << 13;
        rng ^= rng >>> 17;
        rng ^= rng << 5;
        const target =
          (rng >>> 0) * TO_UNIT < (aliasKeep[bucket] as number) ? bucket : (aliasOther[bucket] as number);
        if (target !== word) targets[count++] = syn1 + target * rowBytes;
      }
      pair(syn0 + (sentence[c] as number) * rowBytes, targetsAt, count, alpha, rowBytes, neu1e, expTable);
    }
  }
  state.rng = rng;
}

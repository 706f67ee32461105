import { requirePositiveInteger } from "./params.ts";

/** Sentences of item indices; index i names `vocab[i]`. */
export interface Corpus {
  /** Item ids ordered by count descending, then by id. */
  readonly vocab: readonly string[];
  /** Occurrences of each vocab item in `tokens`. */
  readonly counts: Int32Array;
  /** Every kept sentence's item indices, back to back. */
  readonly tokens: Int32Array;
  /** Offset in `tokens` of each sentence; sentence i ends where sentence i + 1 starts, the last at tokens.length. */
  readonly sentenceStarts: Int32Array;
}

/**
 * Interns the sentences, drops items seen fewer than `minCount` times, then drops sentences left with fewer
 * than two items (they give no pairs); items that occur only in dropped sentences leave the vocab too.
 */
export function buildCorpus(sentences: Iterable<readonly string[]>, minCount: number): Corpus {
  requirePositiveInteger("minCount", minCount);
  const raw = internSentences(sentences);
  const rawCounts = new Int32Array(raw.ids.length);
  for (let i = 0; i < raw.length; i++) {
    const id = raw.tokens[i] as number;
    rawCounts[id] = (rawCounts[id] as number) + 1;
  }
  const kept = keepSentences(raw, rawCounts, minCount);
  const order = sortedVocab(raw.ids, kept.counts);
  const remap = new Int32Array(raw.ids.length).fill(-1);
  for (let i = 0; i < order.length; i++) remap[order[i] as number] = i;
  const tokens = new Int32Array(kept.length);
  for (let i = 0; i < kept.length; i++) tokens[i] = remap[kept.tokens[i] as number] as number;
  return {
    vocab: order.map((id) => raw.ids[id] as string),
    counts: Int32Array.from(order, (id) => kept.counts[id] as number),
    tokens,
    sentenceStarts: Int32Array.from(kept.starts),
  };
}

interface RawCorpus {
  ids: string[];
  tokens: Int32Array;
  length: number;
  starts: number[];
}

function internSentences(sentences: Iterable<readonly string[]>): RawCorpus {
  const idOf = new Map<string, number>();
  const ids: string[] = [];
  const starts: number[] = [];
  let tokens = new Int32Array(1024);
  let length = 0;
  for (const sentence of sentences) {
    starts.push(length);
    if (length + sentence.length > tokens.length) {
      const grown = new Int32Array(Math.max(tokens.length * 2, length + sentence.length));
      grown.set(tokens.subarray(0, length));
      tokens = grown;
    }
    for (const item of sentence) {
      let id = idOf.get(item);
      if (id === undefined) {
        id = ids.length;
        idOf.set(item, id);
        ids.push(item);
      }
      tokens[length++] = id;
    }
  }
  return { ids, tokens, length, starts };
}

/** Keeps frequent items within each sentence, and sentences with at least two of them. */
function keepSentences(raw: RawCorpus, rawCounts: Int32Array, minCount: number) {
  const tokens = new Int32Array(raw.length);
  const counts = new Int32Array(raw.ids.length);
  const starts: number[] = [];
  let length = 0;
  for (let s = 0; s < raw.starts.length; s++) {
    const end = s + 1 < raw.starts.length ? (raw.starts[s + 1] as number) : raw.length;
    const begin = length;
    for (let i = raw.starts[s] as number; i < end; i++) {
      const id = raw.tokens[i] as number;
      if ((rawCounts[id] as number) >= minCount) tokens[length++] = id;
    }
    if (length - begin < 2) {
      length = begin;
      continue;
    }
    starts.push(begin);
    for (let i = begin; i < length; i++) {
      const id = tokens[i] as number;
      counts[id] = (counts[id] as number) + 1;
    }
  }
  return { tokens, length, counts, starts };
}

function sortedVocab(ids: readonly string[], counts: Int32Array): number[] {
  const present: number[] = [];
  for (let id = 0; id < ids.length; id++) if ((counts[id] as number) > 0) present.push(id);
  return present.sort((a, b) => {
    const byCount = (counts[b] as number) - (counts[a] as number);
    if (byCount !== 0) return byCount;
    const x = ids[a] as string;
    const y = ids[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
